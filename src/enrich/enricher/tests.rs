use super::super::enrich;
use super::*;
use crate::parse::{self, recap::parse_recap};

/// The sample recaps as text, by file name.
fn samples() -> Vec<(String, String)> {
    let sources = crate::load::load("seeds".as_ref(), "content".as_ref()).unwrap();
    sources
        .recaps
        .iter()
        .map(|s| (s.rel.clone(), s.text().unwrap().to_string()))
        .collect()
}

fn corpus(files: &[(String, String)]) -> Corpus {
    let parsed = files
        .iter()
        .map(|(rel, text)| {
            let r = parse_recap(rel, text);
            (Some(r.session), r.diagnostics)
        })
        .collect();
    parse::assemble(Vec::new(), parsed, Vec::new())
}

fn catalog() -> Catalog {
    Catalog::load("content".as_ref()).unwrap()
}

/// Everything the site holds, as text: two sites are the same when
/// their dumps are.
fn dump(site: &Site) -> String {
    format!("{site:#?}")
}

type Edit = dyn Fn(&str) -> String;

/// Edit file `i` of `files` with `edit`, update `e` with it, and check
/// the result against enriching the edited corpus from scratch. When
/// the update declines, `e` must be as it was; it is then enriched
/// from scratch, as serve does.
fn edit_and_compare(
    e: &mut Enricher,
    files: &mut [(String, String)],
    edits: &[(usize, &Edit)],
) -> Update {
    let mut changed = Vec::new();
    for (i, edit) in edits {
        files[*i].1 = edit(&files[*i].1);
        changed.push(*i);
    }
    let fresh = corpus(files);
    let edits = changed
        .iter()
        .map(|&i| (i, fresh.sessions[i].clone()))
        .collect();
    let before = dump(e.site());
    let expected = enrich(corpus(files), catalog(), SiteConfig::default());
    let update = match e.update(edits, fresh.diagnostics.clone(), Vec::new()) {
        Some(sessions) => Update::Sessions(sessions),
        None => {
            assert!(
                dump(e.site()) == before,
                "a declined update changes nothing"
            );
            *e = Enricher::new(fresh, catalog(), SiteConfig::default());
            Update::Everything
        }
    };
    assert!(
        dump(e.site()) == dump(&expected),
        "the updated site is the site of the edited corpus ({update:?})"
    );
    update
}

fn add_bullet(text: &str, bullet: &str) -> String {
    text.replacen("\n- ", &format!("\n- {bullet}\n- "), 1)
}

#[test]
fn updates_equal_a_fresh_enrichment() {
    let mut files = samples();
    let mut e = Enricher::new(corpus(&files), catalog(), SiteConfig::default());
    assert_eq!(
        dump(e.site()),
        dump(&enrich(corpus(&files), catalog(), SiteConfig::default()))
    );

    // A line of plain prose: lines below it move, nothing else.
    let plain = |t: &str| add_bullet(t, "这一点值得再说一遍");
    assert_eq!(
        edit_and_compare(&mut e, &mut files, &[(0, &plain)]),
        Update::Sessions(vec![0])
    );
    // A product said elsewhere, now said here too, with a launch and a
    // figure.
    let bedrock = |t: &str| add_bullet(t, "正式发布 Amazon Bedrock 新功能，成本降低 45%");
    assert_eq!(
        edit_and_compare(&mut e, &mut files, &[(2, &bedrock)]),
        Update::Sessions(vec![2])
    );
    // Two files at once, one losing its first timeline bullet.
    let drop_first = |t: &str| {
        let at = t.find("\n- ").unwrap();
        let end = t[at + 1..].find('\n').map_or(t.len(), |n| at + 1 + n);
        format!("{}{}", &t[..at], &t[end..])
    };
    edit_and_compare(&mut e, &mut files, &[(1, &drop_first), (3, &plain)]);
    // A new name nobody catalogued, said often enough to get a page.
    let new_name = |t: &str| {
        add_bullet(
            t,
            "QuuxDB 很快；QuuxDB 很稳；QuuxDB 与 Amazon Bedrock 一起用",
        )
    };
    assert_eq!(
        edit_and_compare(&mut e, &mut files, &[(4, &new_name)]),
        Update::Everything
    );
    // A new speaker changes the speaker table.
    let speaker = |t: &str| {
        t.replacen(
            "## 会议概述\n",
            "## 会议概述\n\n本次会议由AWS首席架构师Zed Quux主讲。\n",
            1,
        )
    };
    edit_and_compare(&mut e, &mut files, &[(0, &speaker)]);
    // A product only one other session names, in the same bullet as
    // another product: related sessions and co-mentions change.
    let site = e.site();
    let rare = site
        .entities
        .iter()
        .find(|x| {
            x.kind == super::super::EntityKind::Product
                && x.catalogued
                && x.sessions.len() == 1
                && x.sessions[0] != 1
        })
        .expect("a product said in one session only");
    let (name, other, slug) = (rare.name.clone(), rare.sessions[0], rare.slug.clone());
    let spellings: Vec<String> = std::iter::once(rare.name.clone())
        .chain(rare.aliases.iter().cloned())
        .collect();
    let related_before = site.info[other].related.clone();
    let rare_edit = move |t: &str| add_bullet(t, &format!("{name} 与 Amazon Bedrock 配合使用"));
    assert_eq!(
        edit_and_compare(&mut e, &mut files, &[(1, &rare_edit)]),
        Update::Sessions(vec![1])
    );
    assert_ne!(e.site().info[other].related, related_before);
    // Both sessions that name it stop naming it, in one rebuild: each
    // edit alone would keep its page, the two together take it away,
    // so the update declines before changing anything.
    let unsaid = move |t: &str| {
        let mut t = t.to_string();
        for s in &spellings {
            t = t.replace(s.as_str(), "某个产品");
        }
        t
    };
    assert_eq!(
        edit_and_compare(&mut e, &mut files, &[(1, &unsaid), (other, &unsaid)]),
        Update::Everything
    );
    assert!(!e.site().entities.iter().any(|x| x.slug == slug));
    // And back, to where the first edits left it.
    let plain_again = |t: &str| add_bullet(t, "再补充一句");
    assert_eq!(
        edit_and_compare(&mut e, &mut files, &[(3, &plain_again)]),
        Update::Sessions(vec![3])
    );
    // The launch said above, taken back: the page's launch is what the
    // other sessions still say.
    let launch_before = bedrock_launch(&e);
    let taken_back = |t: &str| t.replace("正式发布 Amazon Bedrock", "谈到 Amazon Bedrock");
    assert_eq!(
        edit_and_compare(&mut e, &mut files, &[(2, &taken_back)]),
        Update::Sessions(vec![2])
    );
    assert!(launch_before.is_some());
    assert_eq!(
        bedrock_launch(&e),
        assemble::launch_of(
            &e.site().entities[bedrock_index(&e)]
                .mentions
                .iter()
                .filter(|m| m.session != 2)
                .cloned()
                .collect::<Vec<_>>()
        )
    );
}

fn bedrock_index(e: &Enricher) -> usize {
    e.site()
        .entities
        .iter()
        .position(|x| x.name == "Amazon Bedrock")
        .expect("the samples name Amazon Bedrock")
}

fn bedrock_launch(e: &Enricher) -> Option<crate::enrich::MentionRole> {
    e.site().entities[bedrock_index(e)].launch
}
