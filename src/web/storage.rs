//! The library's storage: the browser's localStorage behind `parcours_core::library::Store`.

use parcours_core::library::{Store, StoreError};

use super::js_error;

/// The browser's localStorage as a [`Store`].
pub struct LocalStore(web_sys::Storage);

impl LocalStore {
    pub fn open() -> Result<LocalStore, StoreError> {
        match gloo_utils::window().local_storage() {
            Ok(Some(storage)) => Ok(LocalStore(storage)),
            Ok(None) => Err(StoreError::Unavailable("localStorage".into())),
            Err(e) => Err(StoreError::Unavailable(js_error(e))),
        }
    }
}

impl Store for LocalStore {
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let n = self
            .0
            .length()
            .map_err(|e| StoreError::Unavailable(js_error(e)))?;
        Ok((0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect())
    }
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0
            .get_item(key)
            .map_err(|e| StoreError::Unavailable(js_error(e)))
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(|e| {
            let text = js_error(e);
            if text.contains("Quota") {
                StoreError::Full(text)
            } else {
                StoreError::Unavailable(text)
            }
        })
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.0
            .remove_item(key)
            .map_err(|e| StoreError::Unavailable(js_error(e)))
    }
}
