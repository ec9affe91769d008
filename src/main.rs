//! The page's entry point (the first `data-trunk rel="rust"` link of index.html).

fn main() {
    yew::Renderer::<parcours::app::App>::new().render();
}
