//! The page's entry point (the first `data-trunk rel="rust"` link of index.html).

fn main() {
    parcours::web::panic::install();
    if parcours::framed::refused() {
        yew::Renderer::<parcours::framed::Framed>::new().render();
    } else {
        yew::Renderer::<parcours::app::App>::new().render();
    }
}
