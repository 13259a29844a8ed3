package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the watchdog counts as the runtime's work rather than the script's, from stacks seen when a call ran
 * past its budget on these machines: a method handle linked on the first call of a host method, a class
 * loaded by an asynchronous GraalPy action; and a script's own loop, which is never extended, also when
 * GraalPy runs it from inside an asynchronous action (a weakref callback).
 */
class ScriptWatchdogRuntimeWorkTest {

    @Test
    void first_link_of_a_host_method_is_runtime_work() {
        assertThat(ScriptWatchdog.inRuntimeWork(stack(
                "java.lang.invoke.MethodHandles.insertArgumentPrimitive",
                "java.lang.invoke.MethodHandle.asSpreader",
                "com.oracle.truffle.host.HostMethodDesc$SingleMethod$MHBase.invokeGuestToHost",
                "com.oracle.truffle.js.nodes.function.JSFunctionCallNode.executeCall",
                "com.oracle.truffle.runtime.OptimizedCallTarget.executeRootNode",
                "dev.stratagem.runtime.script.ScriptProgram.callWithin"))).isTrue();
    }

    @Test
    void a_class_loaded_by_an_asynchronous_python_action_is_runtime_work() {
        assertThat(ScriptWatchdog.inRuntimeWork(stack(
                "java.lang.ClassLoader.defineClass1",
                "com.oracle.truffle.api.debug.Debugger.find",
                "com.oracle.graal.python.runtime.AsyncHandler$AsyncPythonAction.execute",
                "com.oracle.truffle.runtime.OptimizedCallTarget.executeRootNode",
                "com.oracle.graal.python.nodes.bytecode.PBytecodeRootNode.bytecodeLoop"))).isTrue();
    }

    @Test
    void an_endless_loop_in_a_weakref_callback_run_by_an_asynchronous_action_is_the_scripts() {
        assertThat(ScriptWatchdog.inRuntimeWork(stack(
                "com.oracle.graal.python.nodes.bytecode.PBytecodeRootNode.bytecodeLoop",
                "com.oracle.truffle.runtime.OptimizedCallTarget.executeRootNode",
                "com.oracle.graal.python.runtime.AsyncHandler$AsyncPythonAction.execute",
                "com.oracle.truffle.polyglot.PolyglotThreadLocalActions$AsyncEvent.acceptImpl",
                "java.lang.invoke.MethodHandle.asType",
                "dev.stratagem.runtime.script.ScriptProgram.callWithin"))).isFalse();
    }

    @Test
    void a_script_in_its_own_loop_is_not() {
        assertThat(ScriptWatchdog.inRuntimeWork(stack(
                "com.oracle.truffle.js.nodes.control.WhileNode.execute",
                "com.oracle.truffle.js.nodes.function.FunctionBodyNode.execute",
                "com.oracle.truffle.runtime.OptimizedCallTarget.executeRootNode",
                "java.lang.invoke.VarHandleGuards.guard_LL_V",
                "dev.stratagem.runtime.script.ScriptProgram.callWithin"))).isFalse();
    }

    private static StackTraceElement[] stack(String... frames) {
        StackTraceElement[] stack = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            int dot = frames[i].lastIndexOf('.');
            stack[i] = new StackTraceElement(frames[i].substring(0, dot), frames[i].substring(dot + 1), null, 1);
        }
        return stack;
    }
}
