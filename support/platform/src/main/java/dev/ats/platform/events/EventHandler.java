package dev.ats.platform.events;

/**
 * Applies one inbound event's effect. {@link EventConsumer} calls it inside the transaction that
 * records the event in the inbox, only on the event's first delivery.
 */
@FunctionalInterface
public interface EventHandler<E> {

  void apply(E event);
}
