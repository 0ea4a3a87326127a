//! The failure matrix worked out off the main thread, in the WebAssembly component's module worker
//! (`/component/worker.js`, which scripts/build-web copies beside the app): every set of failed nodes or
//! servers, or as many at once as the engine's limits allow, with the progress as it goes. A first look
//! comes before it: every set of up to [`FIRST_LOOK`] members at once (and, for a DAG, each site), a few
//! hundred sets at most, so that even a design at the limits answers "survives a site?" at once while the
//! rest is worked out. A newer design cancels the analysis under way: the worker is stopped and a fresh one
//! started.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use clusterplan_core::read::{Failure, Read};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::prelude::*;

/// Where the component's worker is served.
pub const WORKER_URL: &str = "/component/worker.js";

/// The most members failed at once in the first look: the Role Requirements Calculator's failure modes go
/// as far as two servers (then a site, and a site then a server).
pub const FIRST_LOOK: usize = 2;

/// Where the analysis of the current design stands.
#[derive(Debug, PartialEq)]
pub enum Matrix<T> {
    /// Under way: sets of failures done, of the sets in all (0 of 0 until the worker first reports), and
    /// the first look's summary once it has come.
    Working { done: u64, total: u64, first: Option<Rc<T>> },
    /// The summary; `limited` is the most failures at once it looked at, when every set was more than the
    /// engine works out at once.
    Ready { summary: Rc<T>, limited: Option<usize> },
    /// Why there is no answer (the worker could not start, or the design is refused).
    Failed(String),
}

// By hand: the summary is shared, so a matrix clones whatever its summary is.
impl<T> Clone for Matrix<T> {
    fn clone(&self) -> Self {
        match self {
            Matrix::Working { done, total, first } => {
                Matrix::Working { done: *done, total: *total, first: first.clone() }
            }
            Matrix::Ready { summary, limited } => Matrix::Ready { summary: summary.clone(), limited: *limited },
            Matrix::Failed(why) => Matrix::Failed(why.clone()),
        }
    }
}

/// How far a long analysis is, in percent, for the progress bar.
pub fn percent(done: u64, total: u64) -> u64 {
    if total == 0 { 0 } else { (done as f64 * 100.0 / total as f64).clamp(0.0, 100.0) as u64 }
}

/// What the worker answers (the package's worker.js): `{id, progress}`, `{id, result}` or `{id, error}`.
struct Reply<T> {
    id: u32,
    progress: Option<Progress>,
    result: Option<Report<T>>,
    error: Option<Refused>,
}

struct Progress {
    done: u64,
    total: u64,
}

struct Report<T> {
    summary: T,
}

struct Refused {
    message: String,
    code: Option<String>,
    fits: Option<usize>,
}

/// How a page reads the summary it needs out of the worker's report.
pub type ReadSummary<T> = fn(&JsValue) -> Result<T, String>;

/// Reads a summary as JSON with the page's own reader (for a page that shows most of it).
pub fn read_json<T: Read>(summary: &JsValue) -> Result<T, String> {
    let text = js_sys::JSON::stringify(summary).ok().and_then(|text| text.as_string()).unwrap_or_default();
    clusterplan_core::read::from_json(&text).map_err(|failure| {
        let problem = match failure {
            Failure::Read(error) => format!("{}: {}", error.path(), error.message()),
            Failure::NotJson(error) | Failure::After(error) => error.to_string(),
        };
        format!("the analysis worker's answer cannot be read: {problem}")
    })
}

/// A property of a JavaScript object (`undefined` when it has none).
pub fn property(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or_default()
}

/// Reads a reply: the envelope by property, the summary with the page's `read`, so the page carries no
/// deserializer for the envelope.
fn read_reply<T>(data: &JsValue, read: ReadSummary<T>) -> Result<Reply<T>, String> {
    let get = property;
    let number = |value: JsValue| value.as_f64().filter(|n| n.is_finite() && *n >= 0.0);
    let id = number(get(data, "id")).ok_or("the analysis worker's answer has no id")? as u32;
    let progress = get(data, "progress");
    let progress = (!progress.is_undefined()).then(|| Progress {
        done: number(get(&progress, "done")).unwrap_or(0.0) as u64,
        total: number(get(&progress, "total")).unwrap_or(0.0) as u64,
    });
    let result = get(data, "result");
    let result = if result.is_undefined() { None } else { Some(Report { summary: read(&get(&result, "summary"))? }) };
    let error = get(data, "error");
    let error = (!error.is_undefined()).then(|| Refused {
        message: get(&error, "message").as_string().unwrap_or_default(),
        code: get(&error, "code").as_string(),
        fits: number(get(&error, "fits")).map(|k| k as usize),
    });
    Ok(Reply { id, progress, result, error })
}

/// What a reply from the worker means.
#[derive(Debug, PartialEq)]
enum Step<T> {
    /// It answers an older request, or says nothing the panel shows.
    Ignore,
    Show(Matrix<T>),
    /// Every set is more than the engine works out at once: ask again for as many failures as fit.
    Retry(usize),
}

/// The requests under way for one design: the first look's (`id - 1`) and the whole analysis's (`id`),
/// which asks for at most `limited` failures at once; and the first look's summary once it has come.
struct Asked<T> {
    id: u32,
    limited: Option<usize>,
    first: Option<Rc<T>>,
}

/// What `reply` means for the requests in `asked`.
fn step<T>(reply: Reply<T>, asked: &Asked<T>) -> Step<T> {
    let first = asked.first.clone();
    if reply.id == asked.id.wrapping_sub(1) {
        // The first look: only its summary shows; its progress is a blink, and whatever stops it stops the
        // whole analysis too, which says why.
        return match reply.result {
            Some(report) if first.is_none() => {
                Step::Show(Matrix::Working { done: 0, total: 0, first: Some(Rc::new(report.summary)) })
            }
            _ => Step::Ignore,
        };
    }
    if reply.id != asked.id {
        return Step::Ignore;
    }
    let limited = asked.limited;
    if let Some(Progress { done, total }) = reply.progress {
        return Step::Show(Matrix::Working { done, total, first });
    }
    if let Some(report) = reply.result {
        return Step::Show(Matrix::Ready { summary: Rc::new(report.summary), limited });
    }
    match reply.error {
        Some(Refused { code, fits: Some(fits), .. }) if code.as_deref() == Some("too-large") && limited.is_none() => {
            Step::Retry(fits)
        }
        Some(refused) => Step::Show(Matrix::Failed(refused.message)),
        None => Step::Ignore,
    }
}

/// The worker's handlers, kept alive as long as the worker is.
struct Handlers {
    _message: Closure<dyn FnMut(MessageEvent)>,
    _error: Closure<dyn FnMut(web_sys::Event)>,
}

/// The worker and what it is doing; shared with its message handler.
struct Runner<T> {
    worker: Option<Worker>,
    handlers: Option<Handlers>,
    /// The requests under way (replies to older ones are ignored) and their design.
    asked: Asked<T>,
    busy: bool,
    design: Rc<String>,
}

impl<T> Runner<T> {
    fn stop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.handlers = None;
        self.busy = false;
    }

    /// Asks for the first look, then the whole analysis; the worker answers them in turn.
    fn post_both(&mut self) -> Result<(), String> {
        self.post(self.asked.id.wrapping_sub(1), Some(FIRST_LOOK))?;
        self.post(self.asked.id, self.asked.limited)
    }

    /// The component's `analyze` of the design, summary only: `{id, design, options: {summary, maxFailures?}}`.
    fn post(&mut self, id: u32, limited: Option<usize>) -> Result<(), String> {
        let worker = self.worker.as_ref().ok_or("the analysis worker is not running")?;
        let set = |target: &JsValue, key: &str, value: JsValue| {
            // Setting a property of an object made here cannot fail.
            let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), &value);
        };
        let options: JsValue = js_sys::Object::new().into();
        set(&options, "summary", JsValue::TRUE);
        if let Some(k) = limited {
            set(&options, "maxFailures", JsValue::from_f64(k as f64));
        }
        let message: JsValue = js_sys::Object::new().into();
        set(&message, "id", JsValue::from_f64(f64::from(id)));
        set(&message, "design", JsValue::from_str(&self.design));
        set(&message, "options", options);
        worker.post_message(&message).map_err(|_| "the analysis worker cannot be asked".to_string())?;
        self.busy = true;
        Ok(())
    }
}

/// The failure matrix of `design` (scenario JSON), worked out in the worker whenever it changes; `read`
/// takes what the page shows out of the summary.
#[hook]
pub fn use_failure_matrix<T: PartialEq + 'static>(design: Rc<String>, read: ReadSummary<T>) -> Matrix<T> {
    let matrix = use_state(|| Matrix::Working { done: 0, total: 0, first: None });
    let runner = use_mut_ref(|| Runner {
        worker: None,
        handlers: None,
        asked: Asked { id: 0, limited: None, first: None },
        busy: false,
        design: Rc::default(),
    });
    {
        let runner = runner.clone();
        let set = matrix.setter();
        use_effect_with(design, move |design| {
            let mut state = runner.borrow_mut();
            if state.busy {
                // The analysis under way is of an older design: stop it rather than wait for it.
                state.stop();
            }
            state.asked = Asked { id: state.asked.id.wrapping_add(2), limited: None, first: None };
            state.design = design.clone();
            set.set(Matrix::Working { done: 0, total: 0, first: None });
            if state.worker.is_none()
                && let Err(message) = spawn::<T>(&mut state, Rc::downgrade(&runner), set.clone(), read)
            {
                set.set(Matrix::Failed(message));
                return;
            }
            if let Err(message) = state.post_both() {
                set.set(Matrix::Failed(message));
            }
        });
    }
    // Stop the worker with the page's component.
    use_effect_with((), move |()| move || runner.borrow_mut().stop());
    (*matrix).clone()
}

fn spawn<T: 'static>(
    state: &mut Runner<T>,
    runner: Weak<RefCell<Runner<T>>>,
    set: UseStateSetter<Matrix<T>>,
    read: ReadSummary<T>,
) -> Result<(), String> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(WORKER_URL, &options)
        .map_err(|_| "the analysis worker could not start".to_string())?;
    let on_message = {
        let set = set.clone();
        let runner = runner.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(runner) = runner.upgrade() else { return };
            let reply: Reply<T> = match read_reply(&event.data(), read) {
                Ok(reply) => reply,
                Err(message) => {
                    set.set(Matrix::Failed(message));
                    return;
                }
            };
            // Decide under the borrow, set the state after it: a render must never meet the runner borrowed.
            let next = {
                let mut state = runner.borrow_mut();
                match step(reply, &state.asked) {
                    Step::Ignore => return,
                    Step::Show(matrix) => {
                        state.busy = matches!(matrix, Matrix::Working { .. });
                        if let Matrix::Working { first: Some(first), .. } = &matrix {
                            state.asked.first = Some(first.clone());
                        }
                        matrix
                    }
                    Step::Retry(fits) => {
                        state.asked.limited = Some(fits);
                        let (id, first) = (state.asked.id, state.asked.first.clone());
                        match state.post(id, Some(fits)) {
                            Ok(()) => Matrix::Working { done: 0, total: 0, first },
                            Err(message) => Matrix::Failed(message),
                        }
                    }
                }
            };
            set.set(next);
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
        if let Some(runner) = runner.upgrade() {
            // Stop the worker but keep its handlers (this one is running); the next design starts afresh.
            let mut state = runner.borrow_mut();
            if let Some(worker) = state.worker.take() {
                worker.terminate();
            }
            state.busy = false;
        }
        set.set(Matrix::Failed("the analysis worker could not start".to_string()));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    state.worker = Some(worker);
    state.handlers = Some(Handlers { _message: on_message, _error: on_error });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(id: u32) -> Reply<u32> {
        Reply { id, progress: None, result: None, error: None }
    }

    fn refused(code: &str, fits: Option<usize>) -> Option<Refused> {
        Some(Refused { message: format!("{code}: no"), code: Some(code.into()), fits })
    }

    fn asked(id: u32, limited: Option<usize>, first: Option<u32>) -> Asked<u32> {
        Asked { id, limited, first: first.map(Rc::new) }
    }

    fn progress(id: u32) -> Reply<u32> {
        Reply { progress: Some(Progress { done: 4096, total: 65536 }), ..reply(id) }
    }

    fn result(id: u32, summary: u32) -> Reply<u32> {
        Reply { result: Some(Report { summary }), ..reply(id) }
    }

    #[test]
    fn replies_become_what_the_panel_shows() {
        let working = Matrix::Working { done: 4096, total: 65536, first: None };
        assert_eq!(step(progress(7), &asked(7, None, None)), Step::Show(working));
        let ready = Matrix::Ready { summary: Rc::new(6), limited: Some(4) };
        assert_eq!(step(result(7, 6), &asked(7, Some(4), None)), Step::Show(ready));
        // A reply to an older design (its whole analysis, its first look) is dropped, whatever it says.
        assert_eq!(step(result(5, 1), &asked(7, None, None)), Step::Ignore);
        assert_eq!(step(result(4, 1), &asked(7, None, None)), Step::Ignore);
    }

    #[test]
    fn the_first_look_shows_until_the_whole_analysis_comes() {
        // Request 6 is the first look of the design whose whole analysis is request 7.
        let first = Matrix::Working { done: 0, total: 0, first: Some(Rc::new(2)) };
        assert_eq!(step(result(6, 2), &asked(7, None, None)), Step::Show(first));
        // Its progress and its refusals show nothing: the whole analysis says why it stops.
        assert_eq!(step(progress(6), &asked(7, None, None)), Step::Ignore);
        assert_eq!(step(Reply { error: refused("load", None), ..reply(6) }, &asked(7, None, None)), Step::Ignore);
        // The whole analysis's progress keeps the first look on show, and its answer replaces it.
        let working = Matrix::Working { done: 4096, total: 65536, first: Some(Rc::new(2)) };
        assert_eq!(step(progress(7), &asked(7, None, Some(2))), Step::Show(working));
        let ready = Matrix::Ready { summary: Rc::new(9), limited: None };
        assert_eq!(step(result(7, 9), &asked(7, None, Some(2))), Step::Show(ready));
        // A first look comes once.
        assert_eq!(step(result(6, 2), &asked(7, None, Some(2))), Step::Ignore);
        // Request ids wrap: the first look of request 0 is request u32::MAX.
        assert!(matches!(step(result(u32::MAX, 2), &asked(0, None, None)), Step::Show(Matrix::Working { .. })));
    }

    #[test]
    fn too_many_sets_ask_once_for_what_fits_then_say_why() {
        let too_large = |id| Reply { error: refused("too-large", Some(3)), ..reply(id) };
        assert_eq!(step(too_large(1), &asked(1, None, None)), Step::Retry(3));
        // Asked already with a limit, or nothing fits: the message is the answer.
        let again = step(too_large(1), &asked(1, Some(3), None));
        assert_eq!(again, Step::Show(Matrix::Failed("too-large: no".into())));
        let nothing = step(Reply { error: refused("too-large", None), ..reply(1) }, &asked(1, None, None));
        assert_eq!(nothing, Step::Show(Matrix::Failed("too-large: no".into())));
        let load = step(Reply { error: refused("load", Some(3)), ..reply(1) }, &asked(1, None, None));
        assert_eq!(load, Step::Show(Matrix::Failed("load: no".into())));
    }

    #[test]
    fn progress_in_percent() {
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(16384, 65536), 25);
        assert_eq!(percent(u64::MAX, u64::MAX), 100, "no overflow");
        assert_eq!(percent(5, 4), 100, "never past the end");
    }
}

/// A family's summary as the tolerance panel shows it.
pub trait Tolerated: PartialEq + 'static {
    /// The panel's name, for assistive technology.
    const LABEL: &'static str;
    /// What the analysis goes through, as the progress line counts it ("node sets").
    const SETS: &'static str;
    /// The summary drawn, with the most failures at once it looked at when that is fewer than all; `apply`
    /// gets the members and sites of a set to fail.
    fn view(&self, limited: Option<usize>, apply: &Callback<Vec<String>>) -> Html;
    /// The most members failed at once in the summary.
    fn max_failures(&self) -> usize;
}

#[derive(Properties, PartialEq)]
pub struct ToleranceProps<T: Tolerated> {
    pub matrix: Matrix<T>,
    /// Gets the members and sites of a set to fail.
    pub apply: Callback<Vec<String>>,
}

/// What a design tolerates, as its worker works it out: the first look with the progress of the rest, then
/// the family's view of the summary, or why there is none.
#[component]
pub fn Tolerance<T: Tolerated>(props: &ToleranceProps<T>) -> Html {
    // The summary on show (the first look's or the whole), with the most failures it looked at when fewer
    // than all; one call of the family's view, so the page carries its code once.
    let (shown, limited) = match &props.matrix {
        Matrix::Working { first: Some(first), .. } => (Some(first), Some(first.max_failures())),
        Matrix::Ready { summary, limited } => (Some(summary), *limited),
        Matrix::Working { first: None, .. } | Matrix::Failed(_) => (None, None),
    };
    let above = match &props.matrix {
        Matrix::Working { done, total, first } => {
            let rest = if first.is_some() { " the rest" } else { "" };
            html! {
                <p class="muted working" aria-live="polite">
                    <progress max="100" value={percent(*done, *total).to_string()} aria-label="Failure analysis progress" />
                    { if *total == 0 {
                        format!(" working out{rest}…")
                    } else {
                        format!(" working out{rest}: {done} of {total} {}", T::SETS)
                    } }
                </p>
            }
        }
        Matrix::Failed(why) => html! { <p class="muted">{ format!("not worked out: {why}") }</p> },
        Matrix::Ready { .. } => Html::default(),
    };
    html! {
        <section class="panel tolerance" aria-label={T::LABEL}>
            { above }
            { for shown.map(|summary| summary.view(limited, &props.apply)) }
        </section>
    }
}
