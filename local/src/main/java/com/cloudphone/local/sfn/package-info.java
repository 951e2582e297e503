/**
 * Amazon States Language, run locally: the same ASL file as in AWS, against the Java handlers, on a clock tests
 * can move.
 *
 * <pre>{@code
 * StateMachine machine = StateMachine.load(Path.of("statemachine/user-deletion.asl.json"),
 *         Map.of("PurgeFunctionArn", "arn:local:function:purge"));
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * Interpreter interpreter = new Interpreter(machine,
 *         Map.of("arn:local:function:purge", input -> purgeHandler.handle(input)), clock, clock);
 * Execution execution = interpreter.run("delete-u1", input, Listener.crashAfter("Purge"));
 * }</pre>
 *
 * Supported: Pass, Task, Choice, Wait, Succeed, Fail, Map (inline, items one after another) and Parallel
 * (branches one after another); InputPath, Parameters, ResultSelector, ResultPath, OutputPath, ItemsPath,
 * ItemSelector; Retry and Catch; the context object; the intrinsic functions; Task Resources as registered
 * strings and {@code arn:aws:states:::lambda:invoke}. Not supported, and refused when parsed: JSONata,
 * variables (Assign), Distributed Map (ItemReader, ItemBatcher, ResultWriter, tolerated failures), JSONPath
 * beyond single-node paths ({@code [*]}, {@code ..}, filters). TimeoutSeconds and HeartbeatSeconds are read but
 * never fire.
 */
package com.cloudphone.local.sfn;
