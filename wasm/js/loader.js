// What both entries share: loading their WebAssembly module once (asynchronously in a browser, or
// synchronously from its bytes) and refusing a call made before it is loaded.
export function loader(entry, glue) {
  let ready = false;
  return {
    async init(module) {
      if (!ready) {
        await glue.default(module === undefined ? undefined : { module_or_path: module });
        ready = true;
      }
    },
    initSync(module) {
      if (!ready) {
        glue.initSync({ module });
        ready = true;
      }
    },
    /** The glue's exports, once the module is loaded. */
    loaded(verb) {
      if (!ready) {
        throw new Error(`${entry}: await init() before calling ${verb}()`);
      }
      return glue;
    },
  };
}
