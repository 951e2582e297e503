// Runs each case of crosscheck-cases.json through aws-local-stepfunctions (an independent ASL interpreter) and
// asl-validator, and compares with the case's expected outcome, which the Java interpreter's CrossCheckTest also
// checks. Prints one JSON line per case; exits 1 when any case disagrees (other than the known differences it
// lists) or a definition does not validate.

// aws-local-stepfunctions 3 asks for Node 22 only for Promise.withResolvers; give it that on Node 20.
Promise.withResolvers ??= () => {
  let resolve, reject;
  const promise = new Promise((a, b) => { resolve = a; reject = b; });
  return { promise, resolve, reject };
};
const { StateMachine } = await import('aws-local-stepfunctions');
const validator = (await import('asl-validator')).default;
const { readFileSync } = await import('node:fs');
const { isDeepStrictEqual } = await import('node:util');

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let disagreements = 0;

/** Overrides every Task state (by state name, as this library wants) with the case's behaviour for its function. */
function taskHandlers(definition, tasks, handlers = {}) {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') {
      const behaviour = tasks[state.Resource.split(':').pop()];
      let failed = 0;
      handlers[name] = async (input) => {
        if (failed < (behaviour.failures ?? []).length) {
          const error = new Error(`${behaviour.failures[failed]} number ${failed + 1}`);
          error.name = behaviour.failures[failed++];
          throw error;
        }
        return behaviour.result === 'echo' ? { echo: input } : behaviour.result;
      };
    }
    for (const branch of state.Branches ?? []) taskHandlers(branch, tasks, handlers);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) taskHandlers(processor, tasks, handlers);
  }
  return handlers;
}

function waits(definition, out = {}, retries = {}) {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Wait') out[name] = 0;
    if (state.Retry) retries[name] = 0;
    for (const branch of state.Branches ?? []) waits(branch, out, retries);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) waits(processor, out, retries);
  }
  return { waitTimeOverrides: out, retryIntervalOverrides: retries };
}

for (const c of cases) {
  const { isValid, errorsText } = validator(c.definition);
  let actual;
  try {
    const machine = new StateMachine(c.definition, { validationOptions: { checkArn: false } });
    const { waitTimeOverrides, retryIntervalOverrides } = waits(c.definition);
    const execution = machine.run(c.input, {
      overrides: { taskResourceLocalHandlers: taskHandlers(c.definition, c.tasks), waitTimeOverrides, retryIntervalOverrides },
    });
    actual = { status: 'SUCCEEDED', output: await execution.result };
  } catch (e) {
    const failure = e.cause ?? e;
    actual = { status: 'FAILED', error: failure.name, cause: failure.message };
  }
  const expected = c.expected;
  const agrees = isValid && actual.status === expected.status
    && (expected.status === 'SUCCEEDED'
      ? isDeepStrictEqual(actual.output, expected.output)
      : actual.error === expected.error && (expected.cause === undefined || actual.cause === expected.cause));
  // A case may record where this library is known to differ from Step Functions; then it must still differ.
  const known = c.npmDiffers !== undefined;
  if (agrees === known || !isValid) disagreements++;
  console.log(JSON.stringify({ name: c.name, agrees, knownDifference: c.npmDiffers, valid: isValid,
    validation: isValid ? undefined : errorsText(), actual }));
}
console.log(`${cases.length - disagreements} passed, ${disagreements} failed`);
process.exit(disagreements === 0 ? 0 : 1);
