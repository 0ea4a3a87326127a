//! Files brought to a planner (chosen in Import… or dropped on the page), sent where they are read: a
//! design file of the planner's family into its reducer; another tool's files (the Role Requirements
//! Calculator's CSV files, a running DAG's document) to the component's worker, which carries their readers
//! so the page does not and reads them off the main thread; the other family's files across to its planner,
//! in this tab's session storage, where that planner takes them as it starts.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Worker, WorkerOptions, WorkerType};
use yew::Callback;

use super::files::{Brought, Reading};
use super::matrix::{WORKER_URL, property};
use super::notice::{Notice, Problem};
use super::planner::{Action, Family};

/// What the notice says when the files brought cannot be opened.
fn cannot_open(files: usize) -> &'static str {
    match files {
        1 => "This file is not a design clusterplan can open",
        _ => "These files are not a design clusterplan can open",
    }
}

/// The callback that opens files brought to planner `F`, wherever they are read; what they are and what
/// went wrong is said in the notice bar, and the design stays as it was until a whole design arrives.
pub fn bring<F: Family>(dispatch: Callback<Action<F>>) -> Callback<Vec<Brought>> {
    Callback::from(move |files: Vec<Brought>| match F::reading(&files) {
        Reading::Here => dispatch.emit(Action::ImportFiles(files)),
        Reading::Import(_) if !F::IMPORTS => dispatch.emit(Action::ImportFiles(files)),
        Reading::Import(kind) => {
            let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
            dispatch.emit(Action::Notify(Notice::info(format!("Reading {}…", names.join(", ")))));
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = match DocumentsWorker::start() {
                    Ok(worker) => worker.import(kind, &files).await.and_then(|result| F::imported(kind, &result)),
                    Err(problem) => Err(problem),
                };
                dispatch.emit(match read {
                    Ok((saved, notice)) => Action::Opened(Box::new(saved), notice),
                    Err(problem) => Action::Notify(Notice::problem(cannot_open(files.len()), &problem)),
                });
            });
        }
        Reading::Elsewhere(page) => match hand_over(&files) {
            Ok(()) => {
                let _ = gloo::utils::window().location().assign(page);
            }
            Err(why) => dispatch.emit(Action::Notify(Notice::problem(
                cannot_open(files.len()),
                &Problem::from(format!("they are for the other planner ({page}), and {why}: open them there")),
            ))),
        },
    })
}

/// A worker of the page's own (the component's worker.js) for the documents entry's verbs, asked one thing
/// at a time; stopped when dropped. One worker serves a whole task (a comparison imports, then diffs), so
/// the documents module is compiled once for it.
pub struct DocumentsWorker(Worker);

impl DocumentsWorker {
    pub fn start() -> Result<DocumentsWorker, Problem> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        Worker::new_with_options(WORKER_URL, &options).map(DocumentsWorker).map_err(|_| could_not_start())
    }

    /// Reads `files` with the component's `importFrom(kind, files)`: the result as JSON (`{design,
    /// notes}`), or the problems with where they are (the file and line, or the JSON path).
    pub async fn import(&self, kind: &str, files: &[Brought]) -> Result<String, Problem> {
        let list = js_sys::Array::new();
        for (name, bytes) in files {
            let file = js_sys::Object::new();
            set(&file, "name", &JsValue::from_str(name));
            set(&file, "data", &js_sys::Uint8Array::from(bytes.as_slice()));
            list.push(&file);
        }
        let request = js_sys::Object::new();
        set(&request, "kind", &JsValue::from_str(kind));
        set(&request, "files", &list);
        self.ask("importFrom", &request).await
    }

    /// What differs between two DAGs (their scenarios as JSON), by the component's `diff`: the drift as
    /// JSON, or why there is none (a design that does not load, with its paths).
    pub async fn diff(&self, plan: &str, running: &str) -> Result<String, Problem> {
        let request = js_sys::Object::new();
        set(&request, "plan", &JsValue::from_str(plan));
        set(&request, "running", &JsValue::from_str(running));
        self.ask("diff", &request).await
    }

    /// Asks for `verb` with `request` and waits for the one answer.
    async fn ask(&self, verb: &str, request: &js_sys::Object) -> Result<String, Problem> {
        let worker = &self.0;
        let message = js_sys::Object::new();
        set(&message, "id", &JsValue::from(0));
        set(&message, verb, request);
        // The worker answers once: its message resolves, a failure to start rejects.
        let answer = js_sys::Promise::new(&mut |resolve, reject| {
            worker.set_onmessage(Some(resolve.unchecked_ref()));
            worker.set_onerror(Some(reject.unchecked_ref()));
        });
        worker.post_message(&message).map_err(|_| could_not_start())?;
        let data = property(&JsFuture::from(answer).await.map_err(|_| could_not_start())?, "data");
        let error = property(&data, "error");
        if !error.is_undefined() {
            return Err(refusal(&error));
        }
        js_sys::JSON::stringify(&property(&data, "result"))
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| Problem::from("the component's worker answered what cannot be read".to_string()))
    }
}

impl Drop for DocumentsWorker {
    fn drop(&mut self) {
        self.0.terminate();
    }
}

fn could_not_start() -> Problem {
    Problem::from("the component's worker could not start".to_string())
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

/// The component's error (`{message, errors: [{path, message}]}`) as a problem: what, then where.
fn refusal(error: &JsValue) -> Problem {
    let errors: Vec<(String, String)> = js_sys::Array::from(&property(error, "errors"))
        .iter()
        .map(|e| {
            (
                property(&e, "path").as_string().unwrap_or_default(),
                property(&e, "message").as_string().unwrap_or_default(),
            )
        })
        .collect();
    if errors.is_empty() {
        return Problem::from(property(error, "message").as_string().unwrap_or_else(|| "the import failed".into()));
    }
    let words: Vec<&str> = errors.iter().map(|(_, message)| message.as_str()).collect();
    let places: Vec<&str> = errors.iter().map(|(path, _)| path.as_str()).filter(|p| !p.is_empty()).collect();
    Problem { words: words.join("; "), place: (!places.is_empty()).then(|| format!("In {}", places.join("; "))) }
}

/// Where files handed between the planners wait, in this tab's session storage.
const HANDED: &str = "clusterplan.handed";

/// Leaves `files` for the other planner: each file a line, its name and its bytes in base64.
fn hand_over(files: &[Brought]) -> Result<(), String> {
    let window = gloo::utils::window();
    let base64 = |bytes: &[u8]| window.btoa(&bytes.iter().map(|&b| char::from(b)).collect::<String>());
    let lines = files
        .iter()
        .map(|(name, bytes)| Ok(format!("{} {}", base64(name.as_bytes())?, base64(bytes)?)))
        .collect::<Result<Vec<String>, JsValue>>()
        .map_err(|_| "they cannot be handed over")?;
    let storage = window.session_storage().ok().flatten().ok_or("this browser keeps no session storage")?;
    storage
        .set_item(HANDED, &lines.join("\n"))
        .map_err(|_| "they are more than this browser keeps for a handover".to_string())
}

/// The files another planner handed to planner `F`, taken (so a reload does not open them twice); `None`
/// when there are none, or they are not for `F`.
pub fn take_handed<F: Family>() -> Option<Vec<Brought>> {
    let window = gloo::utils::window();
    let storage = window.session_storage().ok().flatten()?;
    let text = storage.get_item(HANDED).ok().flatten()?;
    let bytes =
        |base64: &str| -> Option<Vec<u8>> { Some(window.atob(base64).ok()?.chars().map(|c| c as u32 as u8).collect()) };
    let files: Option<Vec<Brought>> = text
        .lines()
        .map(|line| {
            let (name, data) = line.split_once(' ')?;
            Some((String::from_utf8_lossy(&bytes(name)?).into_owned(), bytes(data)?))
        })
        .collect();
    match files.filter(|files| !files.is_empty()) {
        // Files for the other planner wait for it.
        Some(files) if matches!(F::reading(&files), Reading::Elsewhere(_)) => None,
        files => {
            let _ = storage.remove_item(HANDED);
            files
        }
    }
}
