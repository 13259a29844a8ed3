package dev.stratagem.plugins.llm;

/**
 * The model's answer.
 *
 * @param content the assistant message text
 * @param promptTokens the prompt tokens the server reported, {@code 0} if it did not
 * @param completionTokens the answer tokens the server reported, {@code 0} if it did not
 */
record ChatAnswer(String content, int promptTokens, int completionTokens) {

    int totalTokens() {
        return promptTokens + completionTokens;
    }
}
