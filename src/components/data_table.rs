//! A drawing's data as a table (`parcours_core::data_tables`), under « Voir les données »: what
//! a screen reader reads instead of a canvas or an SVG, and the figures for anyone else.

use std::rc::Rc;

use parcours_core::data_tables::DataTable;
use parcours_core::i18n::{t, Lang, Msg};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataTableViewProps {
    pub lang: Lang,
    /// `None` while nothing is computed (no table, no empty details).
    pub table: Option<Rc<DataTable>>,
    /// Id of the `<details>` (tests, links).
    pub id: AttrValue,
}

#[function_component(DataTableView)]
pub fn data_table_view(props: &DataTableViewProps) -> Html {
    let Some(table) = props.table.as_ref() else {
        return html! {};
    };
    html! {
        <details class="data-table" id={props.id.clone()}>
            <summary>{ t(props.lang, Msg::SeeData) }</summary>
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
        </details>
    }
}
