package dev.stratagem.plugins.llm;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Parameters;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The multi-agent composer ({@code llm-agents}): Director (thesis, side, confidence) -> Quant (technical check,
 * score) -> Risk (size, stop-loss, take-profit) -> Execution (the instructions, in the {@link DecisionSchema}
 * contract). Each stage is one call with its own template ({@code directorTemplate}, {@code quantTemplate},
 * {@code riskTemplate}, {@code executionTemplate}); later templates may use the earlier answers as
 * {@code {{director}}}, {@code {{quant}}}, {@code {{risk}}}. Any stage may stop the chain
 * ({@code "proceed": false}); every stage's call is in the cycle's transcript and the journal. The Risk
 * stage's {@code stopLoss} / {@code takeProfit} arm on the Director's symbol when Execution enters it
 * ({@link ProtectiveExits}).
 */
@Extension
public final class AgentPipelineComposer extends ModelBackedComposer {

    static final String EXECUTION_SYSTEM = "You are the Execution desk. Turn the approved, sized trade into "
            + "orders.\n" + DecisionSchema.DESCRIPTION;

    private final Map<AgentStage, PromptTemplate> templates = new EnumMap<>(AgentStage.class);
    private PromptTemplate execution;

    @Override
    public String id() {
        return "llm-agents";
    }

    @Override
    Set<String> templateKeys() {
        Set<String> keys = new HashSet<>();
        for (String stage : new String[] {"director", "quant", "risk", "execution"}) {
            keys.add(stage + "Template");
            keys.add(stage + "TemplateFile");
        }
        return keys;
    }

    @Override
    void configureTemplates(Parameters params) {
        Set<String> known = new HashSet<>(ContextJson.NAMES);
        for (AgentStage stage : AgentStage.values()) {
            templates.put(stage, template(params, stage.key, known));
            known.add(stage.key); // a stage sees the answers before it
        }
        execution = template(params, "execution", known);
    }

    private static PromptTemplate template(Parameters params, String stage, Set<String> known) {
        String text = LlmSettings.templateText(params, stage + "Template");
        if (text == null) {
            throw new IllegalArgumentException("parameter '" + stage + "Template' or '" + stage + "TemplateFile' is required");
        }
        return new PromptTemplate(stage + "Template", text, Set.copyOf(known));
    }

    @Override
    ComposeResult decide(ComposeContext ctx, Transcript transcript) {
        Map<String, String> values = new java.util.LinkedHashMap<>(ContextJson.values(ctx));
        Map<AgentStage, Map<String, Object>> answers = new EnumMap<>(AgentStage.class);
        for (AgentStage stage : AgentStage.values()) {
            ChatRequest request = request(stage.system, templates.get(stage).render(values));
            String answer = ask(ctx, stage.key, request, stage::errors, transcript);
            Map<String, Object> parsed = AgentStage.parse(answer);
            if (!Boolean.TRUE.equals(parsed.get("proceed"))) {
                return ComposeResult.noop(transcript.appendTo("NOOP: " + stage.key + " stopped the chain: "
                        + parsed.get("reason")));
            }
            values.put(stage.key, Json.write(parsed));
            answers.put(stage, parsed);
        }
        ChatRequest request = request(EXECUTION_SYSTEM, execution.render(values));
        Set<String> symbols = symbols(ctx);
        String answer = ask(ctx, "execution", request, a -> decisionErrors(a, symbols), transcript);
        return result(ctx, answer, symbols, AgentStage.levels(answers), transcript);
    }
}
