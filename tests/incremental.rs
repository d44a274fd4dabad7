//! `recap serve`'s rebuilds, in process: an edit rebuilt incrementally
//! gives the pages a fresh build gives, and the whole-site files are made
//! from the model as it was when they were asked for.

mod sites;
use sites::site_copy;

/// Every page `render_path` makes for the model and theme of `model` is the
/// file of `full` with that path; `full` has no page it cannot make.
fn pages_on_request_match(model: &recap::serve::Model, full: &[recap::write::Output]) {
    use recap::render;
    let (site, theme) = (model.site().unwrap(), model.theme().unwrap());
    let assets: Vec<String> = render::assets::assets(theme.static_dir())
        .unwrap()
        .into_iter()
        .map(|o| o.path)
        .collect();
    let mut pages = 0;
    for o in full {
        if render::is_site_wide(&o.path) || assets.contains(&o.path) {
            assert!(render::render_path(site, theme, &o.path).is_none());
            continue;
        }
        let page = render::render_path(site, theme, &o.path)
            .unwrap_or_else(|| panic!("{} is not made on request", o.path))
            .unwrap();
        assert!(
            page == *o,
            "{} on request differs from the full render",
            o.path
        );
        pages += 1;
    }
    assert!(pages > 20, "{pages} pages compared");
    // The whole-site files, made without rendering the pages, are the
    // full render's.
    let mut site_wide = render::render_site_wide(site, theme).unwrap();
    site_wide.sort_by(|a, b| a.path.cmp(&b.path));
    let expected: Vec<&recap::write::Output> = full
        .iter()
        .filter(|o| render::is_site_wide(&o.path) && o.path != render::data::DATA_PATH)
        .collect();
    assert!(expected.len() > 5, "{} site-wide files", expected.len());
    assert_eq!(site_wide.len(), expected.len());
    for (got, want) in site_wide.iter().zip(expected) {
        assert!(got == want, "{} made on its own differs", want.path);
    }
    assert!(render::render_path(site, theme, "sessions/no-such-session/index.html").is_none());
}

#[test]
fn incremental_rebuilds_match_a_fresh_build() {
    use recap::serve::{Dirty, Incremental, Model};
    let dir = site_copy("incremental");
    // Three home pages, so pages past the first are made on request too.
    let config = dir.join("content/site.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml = toml.replace("sessions_per_page = 100", "sessions_per_page = 2");
    assert!(toml.contains("sessions_per_page = 2"));
    std::fs::write(&config, toml).unwrap();
    let opts = recap::BuildOptions {
        root: dir.clone(),
        ..recap::BuildOptions::default()
    };
    let fresh = |opts: &recap::BuildOptions| recap::build_in_memory(opts).unwrap().1;
    let mut inc = Incremental::new(opts.clone());
    let model = std::sync::RwLock::new(Model::default());
    let render_all = || model.read().unwrap().render_all().unwrap();
    let mut stages = Vec::new();
    inc.rebuild(Dirty::ALL, &mut |s| stages.push(s), &model)
        .unwrap();
    assert_eq!(stages, ["load", "parse", "enrich", "render"]);
    let before = fresh(&opts);
    assert!(
        render_all() == before,
        "the first build is the normal build"
    );
    pages_on_request_match(&model.read().unwrap(), &before);

    let seeds: Vec<_> = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let edited = seeds.iter().min().unwrap();
    let text = std::fs::read_to_string(edited).unwrap();
    std::fs::write(
        edited,
        text.replacen("\n- ", "\n- 新加的增量要点，用到 Amazon Bedrock\n- ", 1),
    )
    .unwrap();
    let seeds_changed = Dirty {
        seeds: true,
        ..Dirty::default()
    };
    // Told which file changed, as the watcher tells it, the rebuild reads
    // only that file.
    let changed_path = std::fs::canonicalize(edited).unwrap();
    let second = inc
        .rebuild_files(seeds_changed, &[changed_path], &mut |_| {}, &model)
        .unwrap();
    let name = edited.file_name().unwrap().to_string_lossy().into_owned();
    assert!(!second.model_reused);
    assert_eq!(
        second.enriched,
        Some(recap::enrich::Update::Sessions(vec![0])),
        "only the edited session is enriched again"
    );
    assert_eq!(
        second.reparsed,
        vec![name],
        "only the edited recap is parsed again"
    );
    let after = fresh(&opts);
    assert!(after != before);
    assert!(
        render_all() == after,
        "the incremental build is the normal build"
    );
    pages_on_request_match(&model.read().unwrap(), &after);
    // The pages the edit changed are among those compared.
    let changed = |path: &str| {
        let find = |all: &[recap::write::Output]| all.iter().find(|o| o.path == path).cloned();
        find(&before) != find(&after)
    };
    let session = second
        .rendered
        .iter()
        .find(|o| o.path.starts_with("sessions/"))
        .expect("the edited session page is rendered with the rebuild");
    assert!(changed(&session.path));
    assert!(String::from_utf8_lossy(&session.bytes).contains("新加的增量要点"));
    assert!(changed("products/amazon-bedrock/index.html"));

    // Not told which: the folder is read again, with the same result.
    let text = std::fs::read_to_string(edited).unwrap();
    std::fs::write(edited, text.replacen("新加的增量要点", "改过的增量要点", 1)).unwrap();
    let fourth = inc.rebuild(seeds_changed, &mut |_| {}, &model).unwrap();
    assert_eq!(fourth.reparsed.len(), 1);
    assert_eq!(
        fourth.enriched,
        Some(recap::enrich::Update::Sessions(vec![0]))
    );
    let after = fresh(&opts);
    assert!(render_all() == after);
    pages_on_request_match(&model.read().unwrap(), &after);

    // A theme change re-parses nothing and still gives the normal build.
    let style = dir.join("themes/default/static/style.css");
    let css = std::fs::read_to_string(&style).unwrap();
    std::fs::write(&style, format!("{css}\n/* edited */\n")).unwrap();
    let third = inc
        .rebuild(
            Dirty {
                theme: true,
                ..Dirty::default()
            },
            &mut |_| {},
            &model,
        )
        .unwrap();
    assert!(third.reparsed.is_empty());
    assert!(third.model_reused, "a theme edit re-renders the same model");
    assert!(render_all() == fresh(&opts));

    // A catalog edit enriches everything again, which takes seconds on a
    // big site; meanwhile the last good model can still be read (a
    // request is answered from it), and it is replaced only once the new
    // one is made.
    let catalog = dir.join("content/catalog.toml");
    let toml = std::fs::read_to_string(&catalog).unwrap();
    let said = "AWS 自研的 AI 训练与推理加速芯片系列";
    assert!(toml.contains(said));
    std::fs::write(&catalog, toml.replacen(said, "改过的芯片介绍", 1)).unwrap();
    let description = |m: &Model| {
        let site = m.site().unwrap();
        let e = site.entities.iter().find(|e| e.slug == "aws-trainium");
        e.unwrap().description.clone().unwrap()
    };
    let old = description(&model.read().unwrap());
    let mut seen = Vec::new();
    let fifth = inc
        .rebuild(
            Dirty {
                catalog: true,
                ..Dirty::default()
            },
            &mut |stage| {
                let m = model
                    .try_read()
                    .unwrap_or_else(|_| panic!("the model is locked as {stage} starts"));
                seen.push((stage, description(&m)));
            },
            &model,
        )
        .unwrap();
    assert_eq!(fifth.enriched, Some(recap::enrich::Update::Everything));
    let after = fresh(&opts);
    assert!(
        render_all() == after,
        "the catalog edit gives the normal build"
    );
    let new = description(&model.read().unwrap());
    assert!(new.contains("改过的芯片介绍"), "{new}");
    assert_eq!(
        seen,
        [
            ("load", old.clone()),
            ("parse", old.clone()),
            ("enrich", old.clone()),
            ("render", new)
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn whole_site_files_are_made_without_holding_the_model() {
    use recap::serve::{Dirty, Fetched, Incremental, Served};
    let dir = site_copy("later");
    let opts = recap::BuildOptions {
        root: dir.clone(),
        ..recap::BuildOptions::default()
    };
    let fresh = |opts: &recap::BuildOptions, path: &str| {
        let outputs = recap::build_in_memory(opts).unwrap().1;
        outputs.into_iter().find(|o| o.path == path).unwrap().bytes
    };
    let mut inc = Incremental::new(opts.clone());
    let held = std::sync::RwLock::new(Served::new());
    let first = inc.rebuild(Dirty::ALL, &mut |_| {}, &held).unwrap();
    held.write().unwrap().rebuilt(first);
    let later = |key: &str| match held.read().unwrap().fetch(key) {
        Some(Fetched::Later(later)) => later,
        _ => panic!("{key} is made outside the lock"),
    };
    const INDEX: &str = "search/search-index.js";
    let (index, export) = (later(INDEX), later(recap::render::data::DATA_PATH));
    let before = (fresh(&opts, INDEX), fresh(&opts, "data/site.json"));

    // An edit lands while they are being made: the rebuild does not wait
    // for them, and they are made from the model as it was when asked for.
    let edited = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(
        &edited,
        text.replacen("\n- ", "\n- 后来加的慢镜头要点，用到 Amazon Bedrock\n- ", 1),
    )
    .unwrap();
    assert!(held.try_write().is_ok(), "a whole-site file holds no lock");
    let seeds_changed = Dirty {
        seeds: true,
        ..Dirty::default()
    };
    let r = inc.rebuild(seeds_changed, &mut |_| {}, &held).unwrap();
    assert_eq!(r.enriched, Some(recap::enrich::Update::Sessions(vec![0])));
    held.write().unwrap().rebuilt(r);
    let made = |l: &recap::serve::Later| l.make().unwrap().unwrap().to_vec();
    assert!(made(&index) == before.0, "the index of the old model");
    assert!(made(&export) == before.1, "the export of the old model");
    let after = (fresh(&opts, INDEX), fresh(&opts, "data/site.json"));
    assert!(String::from_utf8_lossy(&after.1).contains("后来加的慢镜头要点"));
    assert!(made(&later(INDEX)) == after.0, "the index of the new model");
    assert!(made(&later(recap::render::data::DATA_PATH)) == after.1);
    let _ = std::fs::remove_dir_all(&dir);
}
