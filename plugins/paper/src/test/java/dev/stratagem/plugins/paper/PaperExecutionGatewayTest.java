package dev.stratagem.plugins.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Candle;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PaperExecutionGatewayTest {

    private static final long T1 = 1_000;
    private static final long T2 = 2_000;
    private static final long T3 = 3_000;

    private final PaperExecutionGateway gateway = new PaperExecutionGateway();
    private final FixedMarketWindow market = new FixedMarketWindow().add(bar("ORCL", T1, 9.5, 10, 9, 9.8));

    private static Candle bar(String symbol, long ts, double open, double high, double low, double close) {
        return new Candle(symbol, ts, open, high, low, close, 1_000);
    }

    private static TradeInstruction buy(String id, double qty) {
        return TradeInstruction.buy("ORCL", qty).withId(id);
    }

    private static TradeInstruction sell(String id, double qty) {
        return TradeInstruction.sell("ORCL", qty).withId(id);
    }

    private static TradeInstruction limit(String id, Side side, double qty, double limit) {
        return new TradeInstruction(id, "ORCL", side, qty, OrderType.LIMIT, limit, false);
    }

    private List<TxResult> submit(TradeInstruction... instructions) {
        CompletableFuture<List<TxResult>> future = gateway.submit(List.of(instructions), market).toCompletableFuture();
        assertThat(future).isDone();
        return future.join();
    }

    private void configure(Map<String, ?> params) {
        gateway.configure(Parameters.of(params));
    }

    @Test
    void defaults_are_next_open_without_fee_or_slippage() {
        gateway.configure(Parameters.EMPTY);
        assertThat(gateway.id()).isEqualTo("paper");
        assertThat(gateway.config()).isEqualTo(new PaperConfig(FillModel.NEXT_OPEN, 0, 0));
    }

    @Test
    void next_open_acknowledges_at_the_latest_bar_and_fills_at_the_next_open() {
        assertThat(submit(buy("c1-0", 100))).containsExactly(TxResult.accepted(buy("c1-0", 100), T1));
        assertThat(gateway.onBar(bar("ORCL", T2, 10, 10.5, 9.9, 10.2)))
                .containsExactly(TxResult.filled(buy("c1-0", 100), 10, 0, T2));
        assertThat(gateway.onBar(bar("ORCL", T3, 11, 11, 11, 11))).isEmpty();
    }

    @Test
    void a_buy_pays_and_a_sell_gives_up_the_slippage_and_both_pay_the_fee_on_the_notional() {
        configure(Map.of("feeBps", 10, "slippageBps", 5));
        submit(buy("c1-0", 100), sell("c1-1", 40));
        List<TxResult> fills = gateway.onBar(bar("ORCL", T2, 10, 10.5, 9.9, 10.2));
        assertThat(fills).containsExactly(
                TxResult.filled(buy("c1-0", 100), 10.005, 1.0005, T2),
                TxResult.filled(sell("c1-1", 40), 9.995, 0.3998, T2));
    }

    @Test
    void fills_in_submission_order_only_for_the_bar_s_symbol_and_never_on_the_submission_bar() {
        market.add(bar("MSFT", T1, 50, 51, 49, 50));
        TradeInstruction msft = TradeInstruction.buy("MSFT", 1).withId("c1-1");
        submit(sell("c1-0", 5), msft, buy("c1-2", 7));
        assertThat(gateway.onBar(bar("ORCL", T1, 9.5, 10, 9, 9.8))).isEmpty();
        assertThat(gateway.onBar(bar("ORCL", T2, 10, 10, 10, 10))).extracting(TxResult::instructionId)
                .containsExactly("c1-0", "c1-2");
        assertThat(gateway.working().size()).isEqualTo(1);
        assertThat(gateway.onBar(bar("MSFT", T2, 52, 52, 52, 52)))
                .containsExactly(TxResult.filled(msft, 52, 0, T2));
    }

    @Test
    void a_buy_limit_works_until_a_bar_trades_down_to_it_and_fills_at_the_better_of_open_and_limit() {
        TradeInstruction order = limit("c1-0", Side.BUY, 10, 9.0);
        assertThat(submit(order)).containsExactly(TxResult.accepted(order, T1));
        assertThat(gateway.onBar(bar("ORCL", T2, 9.5, 9.8, 9.1, 9.2))).isEmpty();
        assertThat(gateway.onBar(bar("ORCL", T3, 9.4, 9.4, 8.9, 9.0)))
                .containsExactly(TxResult.filled(order, 9.0, 0, T3));

        TradeInstruction gapDown = limit("c3-0", Side.BUY, 10, 9.0);
        submit(gapDown);
        assertThat(gateway.onBar(bar("ORCL", 4_000, 8.5, 8.8, 8.4, 8.6)))
                .containsExactly(TxResult.filled(gapDown, 8.5, 0, 4_000));
    }

    @Test
    void a_sell_limit_fills_only_when_the_high_reaches_it_at_the_better_of_open_and_limit() {
        TradeInstruction order = limit("c1-0", Side.SELL, 10, 11.0);
        submit(order);
        assertThat(gateway.onBar(bar("ORCL", T2, 10, 10.9, 9.9, 10.5))).isEmpty();
        assertThat(gateway.onBar(bar("ORCL", T3, 11.5, 12, 11.2, 11.8)))
                .containsExactly(TxResult.filled(order, 11.5, 0, T3));
    }

    @Test
    void slippage_never_pushes_a_limit_fill_past_the_limit() {
        configure(Map.of("slippageBps", 100));
        TradeInstruction order = limit("c1-0", Side.BUY, 10, 10.0);
        submit(order);
        assertThat(gateway.onBar(bar("ORCL", T2, 9.95, 10.2, 9.9, 10.1)))
                .containsExactly(TxResult.filled(order, 10.0, 0, T2));
    }

    @Test
    void mark_fills_at_once_at_the_latest_close_with_slippage_and_fee() {
        configure(Map.of("fill", "mark", "feeBps", 2.5, "slippageBps", 10));
        assertThat(submit(buy("c1-0", 100), sell("c1-1", 100))).containsExactly(
                TxResult.filled(buy("c1-0", 100), 9.8098, 0.245245, T1),
                TxResult.filled(sell("c1-1", 100), 9.7902, 0.244755, T1));
        assertThat(gateway.onBar(bar("ORCL", T2, 10, 10, 10, 10))).isEmpty();
    }

    @Test
    void mark_fills_a_marketable_limit_at_once_and_works_the_rest() {
        configure(Map.of("fill", "mark"));
        TradeInstruction marketable = limit("c1-0", Side.BUY, 1, 10.0);
        TradeInstruction resting = limit("c1-1", Side.BUY, 1, 9.5);
        assertThat(submit(marketable, resting)).containsExactly(
                TxResult.filled(marketable, 9.8, 0, T1), TxResult.accepted(resting, T1));
        assertThat(gateway.onBar(bar("ORCL", T2, 9.7, 9.7, 9.4, 9.6)))
                .containsExactly(TxResult.filled(resting, 9.5, 0, T2));
    }

    @Test
    void refuses_a_duplicate_instruction_id_and_does_not_trade_twice() {
        submit(buy("c1-0", 100));
        assertThat(submit(buy("c1-0", 100), buy("c1-1", 1), buy("c1-1", 1))).containsExactly(
                TxResult.failed(buy("c1-0", 100), TxStatus.REJECTED, "duplicate instruction id c1-0", T1),
                TxResult.accepted(buy("c1-1", 1), T1),
                TxResult.failed(buy("c1-1", 1), TxStatus.REJECTED, "duplicate instruction id c1-1", T1));
        assertThat(gateway.onBar(bar("ORCL", T2, 10, 10, 10, 10))).extracting(TxResult::instructionId)
                .containsExactly("c1-0", "c1-1");
    }

    @Test
    void refuses_a_duplicate_id_after_the_first_one_filled() {
        configure(Map.of("fill", "mark"));
        submit(buy("c1-0", 100));
        assertThat(submit(buy("c1-0", 100)).getFirst().status()).isEqualTo(TxStatus.REJECTED);
    }

    @Test
    void rejects_an_instruction_without_id_with_a_reason() {
        TxResult result = submit(TradeInstruction.buy("ORCL", 100)).getFirst();
        assertThat(result.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(result.instructionId()).isEqualTo(PaperExecutionGateway.MISSING_ID);
        assertThat(result.reason()).isEqualTo("instruction has no id; the runtime assigns one before execution");
        assertThat(gateway.working().size()).isZero();
    }

    @Test
    void rejects_a_size_that_is_not_positive_and_finite_and_a_symbol_without_data() {
        TradeInstruction unknown = TradeInstruction.buy("MSFT", 1).withId("c1-2");
        assertThat(submit(buy("c1-0", 0), buy("c1-1", Double.NaN), unknown)).containsExactly(
                TxResult.failed(buy("c1-0", 0), TxStatus.REJECTED, "quantity must be positive and finite, was 0.0", T1),
                TxResult.failed(buy("c1-1", Double.NaN), TxStatus.REJECTED,
                        "quantity must be positive and finite, was NaN", T1),
                TxResult.failed(unknown, TxStatus.REJECTED, "no market data for MSFT", T1));
        assertThat(gateway.working().size()).isZero();
    }

    @Test
    void rejects_bad_parameters_naming_the_key() {
        assertThatThrownBy(() -> configure(Map.of("fill", "close")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'fill' must be next-open or mark, was 'close'");
        assertThatThrownBy(() -> configure(Map.of("feeBps", -1)))
                .hasMessage("parameter 'feeBps' must be finite and not negative, was -1.0");
        assertThatThrownBy(() -> configure(Map.of("feeBps", 1e9)))
                .hasMessage("parameter 'feeBps' must be at most 10000 (the whole notional), was 1.0E9");
        assertThatThrownBy(() -> configure(Map.of("slippageBps", 10_000)))
                .hasMessage("parameter 'slippageBps' must be below 10000, was 10000.0");
        assertThatThrownBy(() -> configure(Map.of("slippageBps", "x")))
                .hasMessage("parameter 'slippageBps' must be a number, was 'x'");
        assertThatThrownBy(() -> configure(Map.of("fees", 1)))
                .hasMessage("unknown parameter 'fees' for paper; known: [feeBps, fill, journal, latencyJitterMs, latencyMs, seed, slippageBps]");
    }
}
