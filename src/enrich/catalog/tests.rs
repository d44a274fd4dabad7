//! The catalog's rules, and what breaking each one reports.

use super::*;

fn messages(c: &Catalog) -> Vec<String> {
    c.diagnostics.iter().map(|d| d.to_string()).collect()
}

#[test]
fn the_shipped_catalog_is_valid() {
    let c = Catalog::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))).unwrap();
    assert!(c.diagnostics.is_empty(), "{:?}", messages(&c));
    assert!(c.products.len() > 50 && c.companies.len() > 30 && !c.topics.is_empty());
    let nova = c
        .products
        .iter()
        .find(|p| p.name == "Amazon Nova 2 Lite")
        .unwrap();
    assert_eq!(nova.parent.as_deref(), Some("Amazon Nova 2"));
    assert!(c.curation.suppress.contains(&"re:invent".to_string()));
}

#[test]
fn missing_file_is_an_empty_catalog() {
    let c = Catalog::load(Path::new("/nonexistent")).unwrap();
    assert!(c.is_empty() && c.diagnostics.is_empty());
}

#[test]
fn toml_errors_name_file_and_line() {
    let c = Catalog::parse(
        "[[product]]\nname = \"A\"\nkind = \"tool\"\ndescription = 1 2\n",
        "content/catalog.toml",
    );
    assert!(c.is_empty());
    let m = messages(&c);
    assert_eq!(m.len(), 1);
    assert!(m[0].starts_with("error: content/catalog.toml:4:"), "{m:?}");
}

#[test]
fn rule_violations_are_reported_and_the_rest_kept() {
    let text = r#"
[[product]]
name = "Bedrock"
kind = "service"
description = "x"

[[product]]
name = "Amazon Bedrock"
aliases = ["bedrock", "Ｂｅｄｒｏｃｋ Ａｇｅｎｔ"]
kind = "gadget"
parent = "Nope"
description = "y"
slug = "Not A Slug"

[[company]]
name = "AWS"
kind = "vendor"
description = "z"

[[topic]]
name = "代理"
keywords = ["代理"]
description = "t"

[curation.merge]
"bedrock" = "AWS"
"Crowd Strike" = "Nobody"
"#;
    let c = Catalog::parse(text, "catalog.toml");
    let m = messages(&c).join("\n");
    assert!(
        m.contains("catalog.toml:9: `bedrock` already belongs to `Bedrock` (line 3)"),
        "{m}"
    );
    assert!(
        m.contains("catalog.toml:7: `Amazon Bedrock`: unknown kind `gadget`"),
        "{m}"
    );
    assert!(m.contains("parent `Nope` is not the name"), "{m}");
    assert!(m.contains("slug `Not A Slug` must be"), "{m}");
    assert!(m.contains("topic `代理`: `slug` is required"), "{m}");
    assert!(m.contains("`bedrock` is already a name or alias"), "{m}");
    assert!(m.contains("no product or company is named `Nobody`"), "{m}");
    // The valid parts are kept.
    assert_eq!(c.products.len(), 2);
    assert_eq!(c.products[1].aliases, vec!["Ｂｅｄｒｏｃｋ Ａｇｅｎｔ"]);
    assert_eq!(c.products[1].slug, "not-a-slug");
    assert!(c.curation.merge.is_empty());
}

#[test]
fn one_character_and_empty_spellings_are_warned_about() {
    let c = Catalog::parse(
        "[[product]]\nname = \"Zed\"\nkind = \"service\"\ndescription = \"x\"\naliases = [\"\", \"的\", \"Zed Editor\"]\n\n[[company]]\nname = \"Q\"\nkind = \"vendor\"\ndescription = \"y\"\n",
        "catalog.toml",
    );
    let m = messages(&c).join("\n");
    assert!(
        m.contains("catalog.toml:5: `Zed`: an empty alias; ignored"),
        "{m}"
    );
    assert!(
        m.contains("catalog.toml:5: `Zed`: `的` is a single character"),
        "{m}"
    );
    assert!(
        m.contains("catalog.toml:8: `Q`: `Q` is a single character"),
        "{m}"
    );
    assert!(!m.contains("Zed Editor"), "{m}");
    // Warned about, and kept: the catalog's author may mean it.
    assert_eq!(c.products[0].aliases, ["的", "Zed Editor"]);
    assert_eq!(c.companies.len(), 1);
}

#[test]
fn a_homepage_must_be_an_http_url_with_a_host() {
    let text = r#"
[[product]]
name = "Alpha"
kind = "tool"
description = "x"
homepage = "https://"

[[product]]
name = "Beta"
kind = "tool"
description = "x"
homepage = "javascript:alert(1)"

[[product]]
name = "Gamma"
kind = "tool"
description = "x"
homepage = "HTTPS://gamma.example/docs"
"#;
    let c = Catalog::parse(text, "catalog.toml");
    let homepages: Vec<Option<&str>> = c.products.iter().map(|p| p.homepage.as_deref()).collect();
    assert_eq!(homepages, [None, None, Some("HTTPS://gamma.example/docs")]);
    let m = messages(&c);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        m[0].contains("catalog.toml:2: `Alpha`: homepage `https://`"),
        "{m:?}"
    );
}

#[test]
fn a_misspelt_key_is_reported_and_the_rest_of_the_catalog_kept() {
    let text = r#"
[[product]]
name = "Alpha"
kind = "tool"
description = "x"

[[product]]
name = "Beta"
kind = "tool"
descripton = "typo"

[[topic]]
name = "Agents"
keyword = ["agent"]

[curation]
supress = ["x"]

[[products]]
name = "Gamma"
"#;
    let c = Catalog::parse(text, "catalog.toml");
    assert_eq!(c.products.len(), 2);
    assert_eq!(c.topics.len(), 1);
    let m = messages(&c);
    let has = |needle: &str| m.iter().any(|x| x.contains(needle));
    assert!(
        has("catalog.toml:10: unknown key `descripton` is ignored; did you mean `description`?"),
        "{m:?}"
    );
    assert!(
        has("catalog.toml:14: unknown key `keyword` is ignored; did you mean `keywords`?"),
        "{m:?}"
    );
    assert!(
        has("catalog.toml:17: unknown key `supress` is ignored; did you mean `suppress`?"),
        "{m:?}"
    );
    assert!(
        has("catalog.toml:19: unknown key `products` is ignored; did you mean `product`?"),
        "{m:?}"
    );
    assert!(m.iter().all(|x| x.starts_with("warning")), "{m:?}");
}
