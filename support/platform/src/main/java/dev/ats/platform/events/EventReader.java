package dev.ats.platform.events;

import java.util.Optional;

/**
 * Maps a CloudEvent to a service's own typed inbound record: empty for a contract type the service
 * does not act on; a {@link PoisonEventException} for a payload it can never act on (not JSON, a
 * required field missing or of the wrong type). Pure: no database, no side effects.
 */
@FunctionalInterface
public interface EventReader<E> {

  Optional<E> read(CloudEvent event);
}
