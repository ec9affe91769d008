//! A drawing's data as a table (`parcours_core::data_tables`), under « Voir les données »: what
//! a screen reader reads instead of a canvas or an SVG, and the figures for anyone else.
//!
//! Built when shown: closed, the `<details>` holds its `<summary>` only (the rows of five tables
//! are about 800 elements, re-rendered at every redraw of a run otherwise); opened, the table is
//! rendered from the current data and follows it while open. A chart's table is even formatted
//! only when shown ([`Table::OnOpen`]: hundreds of figures written at every redraw otherwise).

use std::rc::Rc;

use parcours_core::data_tables::DataTable;
use parcours_core::i18n::{t, Lang, Msg};
use yew::prelude::*;

/// A table's data: made already, or made when its `<details>` is open.
#[derive(Clone, PartialEq)]
pub enum Table {
    Made(Rc<DataTable>),
    OnOpen(Callback<(), DataTable>),
}

impl Table {
    /// A table made from `data` by `make` only when shown.
    pub fn on_open<T: 'static>(data: T, make: impl Fn(&T) -> DataTable + 'static) -> Table {
        Table::OnOpen(Callback::from(move |()| make(&data)))
    }

    fn made(&self) -> Rc<DataTable> {
        match self {
            Table::Made(table) => table.clone(),
            Table::OnOpen(make) => Rc::new(make.emit(())),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct DataTableViewProps {
    pub lang: Lang,
    /// `None` while nothing is computed (no table, no empty details).
    pub table: Option<Table>,
    /// Id of the `<details>` (tests, links).
    pub id: AttrValue,
}

#[function_component(DataTableView)]
pub fn data_table_view(props: &DataTableViewProps) -> Html {
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::Element>()
                    .has_attribute("open"),
            );
        })
    };
    let Some(table) = props.table.as_ref() else {
        return html! {};
    };
    let table = if *open { Some(table.made()) } else { None };
    html! {
        // `open` follows the state, so a `<details>` built again (its table gone and back) keeps it.
        <details class="data-table" id={props.id.clone()} open={*open} ontoggle={on_toggle}>
            <summary>{ t(props.lang, Msg::SeeData) }</summary>
            if let Some(table) = table {
                // Scrolls when wide or long: a tab stop, so the keyboard can scroll it.
                <div class="data-table-scroll" tabindex="0" role="region" aria-label={table.caption.clone()}>
                    <table>
                        <caption>{ table.caption.clone() }</caption>
                        <thead><tr>
                            { for table.headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for table.rows.iter().map(|(head, cells)| html! {
                                <tr><th scope="row">{ head.clone() }</th>
                                    { for cells.iter().map(|c| html! { <td>{ c.clone() }</td> }) }</tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </details>
    }
}
