package dev.stratagem.plugins.llm;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Parameters;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The prompt-template composer ({@code llm}): renders {@code template} with the cycle's features, portfolio,
 * digest and constraints, asks the model, and turns its JSON answer ({@link DecisionSchema}) into
 * instructions; an invalid answer is sent back once for repair, then becomes a NOOP with the reason. The
 * guardrails vet the instructions as for any composer. Parameters: see sdk-docs/llm-strategies.md.
 */
@Extension
public final class LlmComposer extends ModelBackedComposer {

    static final String DEFAULT_SYSTEM = "You are the decision step of a trading strategy. You see features, the "
            + "portfolio, the trading digest and the constraints, and decide which orders to place.\n"
            + DecisionSchema.DESCRIPTION;

    private PromptTemplate system;
    private PromptTemplate template;

    @Override
    public String id() {
        return "llm";
    }

    @Override
    Set<String> templateKeys() {
        return Set.of("template", "templateFile", "system", "systemFile");
    }

    @Override
    void configureTemplates(Parameters params) {
        String text = LlmSettings.templateText(params, "template");
        if (text == null) {
            throw new IllegalArgumentException("parameter 'template' or 'templateFile' is required");
        }
        template = new PromptTemplate("template", text, ContextJson.NAMES);
        String sys = LlmSettings.templateText(params, "system");
        system = new PromptTemplate("system", sys == null ? DEFAULT_SYSTEM : sys, ContextJson.NAMES);
    }

    @Override
    ComposeResult decide(ComposeContext ctx, Transcript transcript) {
        var values = ContextJson.values(ctx);
        ChatRequest request = request(system.render(values), template.render(values));
        Set<String> symbols = symbols(ctx);
        String answer = ask(ctx, "decision", request, a -> decisionErrors(a, symbols), transcript);
        return result(ctx, answer, symbols, java.util.Map.of(), transcript);
    }
}
