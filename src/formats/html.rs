//! stub
use super::{ExtractError, Extracted, Limits};
pub(super) fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Extracted, ExtractError> {
    Err(ExtractError::Unsupported("todo".into()))
}
