//! Browser tests of the « Scénario » panel's storage glue (wasm-bindgen-test in headless
//! Chromium): the library on the real localStorage.

use parcours::web::storage::LocalStore;
use parcours_core::i18n::Lang;
use parcours_core::library::{self, Store, PREFIX};
use wasm_bindgen_test::*;

const V1_FIXTURE: &str = include_str!("../fixtures/links/v1-haute-garonne-chrs-600.txt");

#[wasm_bindgen_test]
fn the_library_works_on_local_storage() {
    let mut store = LocalStore::open().expect("localStorage");
    for key in store.keys().unwrap() {
        if key.starts_with(PREFIX) {
            store.remove(&key).unwrap();
        }
    }
    let link = V1_FIXTURE.trim();
    let key = library::save(
        &mut store,
        "ancien",
        link,
        "2026-12-02T10:00:00.000Z",
        1,
        false,
    )
    .expect("saved");
    store.set(&format!("{PREFIX}broken"), "{oops").unwrap();
    // Read through a second handle: what another page load would see.
    let listing = library::list(&LocalStore::open().unwrap(), Lang::Fr).unwrap();
    assert_eq!(listing.entries.len(), 1);
    assert_eq!(listing.entries[0].key, key);
    assert_eq!(listing.entries[0].version(), "1");
    assert_eq!(listing.unreadable.len(), 1);
    assert!(listing.unreadable[0].reason.contains("JSON invalide"));
    library::delete(&mut store, &key).unwrap();
    store.remove(&format!("{PREFIX}broken")).unwrap();
    assert_eq!(library::list(&store, Lang::Fr).unwrap(), Default::default());
}
