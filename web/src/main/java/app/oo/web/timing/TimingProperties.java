package app.oo.web.timing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the timing poller runs.
 *
 * @param pollEnabled whether this node polls (every node may: they never take the same moment)
 * @param pollEvery   the pause between two polls
 * @param staleAfter  a moment due longer ago than this (the app was down) is logged "moment passed", not fired late
 * @param batchLimit  at most this many moments per poll, so one poll never runs unbounded
 */
@ConfigurationProperties("oo.timing")
public record TimingProperties(@DefaultValue("true") boolean pollEnabled, @DefaultValue("30s") Duration pollEvery,
                               @DefaultValue("1h") Duration staleAfter, @DefaultValue("2000") int batchLimit) {
}
