package dev.stratagem.runtime.web.api;

import dev.stratagem.api.CycleStatus;
import dev.stratagem.runtime.http.RequestProblem;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Query parameters, validated: a bad one is a 400 that names the parameter. */
final class Params {

    private Params() {}

    static String text(RoutingContext ctx, String name, int maxLength) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > maxLength) {
            throw RequestProblem.badRequest("query parameter '" + name + "' is longer than " + maxLength + " characters");
        }
        return v.trim();
    }

    static int integer(RoutingContext ctx, String name, int defaultValue, int min, int max) {
        String v = text(ctx, name, 20);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw RequestProblem.badRequest("query parameter '" + name + "' must be " + min + ".." + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw RequestProblem.badRequest("query parameter '" + name + "' is not an integer: '" + v + "'");
        }
    }

    static long cursor(RoutingContext ctx, String name) {
        String v = text(ctx, name, 20);
        if (v == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw RequestProblem.badRequest("query parameter '" + name + "' must be >= 0, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw RequestProblem.badRequest("query parameter '" + name + "' is not a cursor: '" + v + "'");
        }
    }

    /** Epoch milliseconds, an ISO instant, an ISO local date-time (UTC) or an ISO date (UTC midnight). */
    static Long time(RoutingContext ctx, String name) {
        String v = text(ctx, name, 40);
        if (v == null) {
            return null;
        }
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(v);
            }
            if (v.endsWith("Z") || v.contains("+")) {
                return Instant.parse(v).toEpochMilli();
            }
            if (v.contains("T")) {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw RequestProblem.badRequest("query parameter '" + name + "' is not a time (epoch ms, 2014-01-31,"
                    + " 2014-01-31T14:05 or an ISO instant): '" + v + "'");
        }
    }

    /** {@code traded}, {@code rejected}, {@code error} (= failed), or any cycle status. */
    static CycleStatus status(RoutingContext ctx) {
        String v = text(ctx, "status", 20);
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (upper.equals("ERROR")) {
            return CycleStatus.FAILED;
        }
        try {
            return CycleStatus.valueOf(upper);
        } catch (IllegalArgumentException e) {
            throw RequestProblem.badRequest("query parameter 'status' must be one of traded, rejected, error, idle,"
                    + " warmup; was '" + v + "'");
        }
    }
}
