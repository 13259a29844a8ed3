package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * How unusual this bar's volume is: {@code (volume - mean) / std} over the last {@code n} volumes, this bar
 * included, with the population standard deviation; 0 when the window is flat.
 */
final class VolumeZScoreIndicator implements Indicator {

    private final int n;
    private final RollingMoments volumes;
    private double volume;

    VolumeZScoreIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 2, "volume z-score");
        this.volumes = new RollingMoments(n);
    }

    @Override
    public void update(Candle bar) {
        volume = bar.volume();
        volumes.push(volume);
    }

    @Override
    public double value() {
        if (!volumes.full()) {
            return Double.NaN;
        }
        double std = Math.sqrt(volumes.populationVariance());
        return std == 0 ? 0 : (volume - volumes.mean()) / std;
    }

    @Override
    public int warmup() {
        return n;
    }
}
