package dev.ats.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of notifications-service ({@code ats.notifications.*}). The platform's own settings (the
 * dead-letter topic {@code ats.events.dead-letter-topic}, the consumer retry {@code
 * ats.events.retry.*}) are set in {@code application.properties}.
 */
@ConfigMapping(prefix = "ats.notifications")
public interface NotificationsConfig {

  Delivery delivery();

  RespondBy respondBy();

  interface Delivery {
    /** How often the sender looks for due messages ({@code @Scheduled} every). */
    @WithDefault("1s")
    String interval();

    /** Attempts before a message is FAILED. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait after the first failure; doubled after each further one. */
    @WithDefault("PT2S")
    Duration baseBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("PT10M")
    Duration maxBackoff();

    /** At most this many messages per tick. */
    @WithDefault("50")
    int batchSize();
  }

  interface RespondBy {
    /** How often the respond-by job runs ({@code @Scheduled} every). */
    @WithDefault("15m")
    String interval();

    /** Send the status update this many days before the role's respond-by date. */
    @WithDefault("0")
    int leadDays();

    /** The time zone in which "today" is compared with respond-by dates. */
    @WithDefault("UTC")
    ZoneId zone();

    @WithDefault("200")
    int batchSize();
  }
}
