//! Stage 4: [`Site`] + [`Theme`] → outputs. The renderer boundary: nothing
//! past this point knows how recaps were written.

use crate::config::SiteConfig;
use crate::enrich::Site;
use crate::write::Output;
use std::path::Path;

pub struct Theme {}

impl Theme {
    pub fn load(_dir: &Path, _overrides: &Path, _config: &SiteConfig) -> anyhow::Result<Theme> {
        Ok(Theme {})
    }
}

pub fn render(_site: &Site, _theme: &Theme) -> anyhow::Result<Vec<Output>> {
    Ok(Vec::new())
}
