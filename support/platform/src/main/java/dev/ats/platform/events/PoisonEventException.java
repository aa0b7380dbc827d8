package dev.ats.platform.events;

/**
 * An event that can never be processed (unparseable, missing attributes, unknown type): retrying it
 * cannot help, so consumers send it to the dead-letter topic and go on.
 */
public class PoisonEventException extends RuntimeException {

  public PoisonEventException(String message) {
    super(message);
  }

  public PoisonEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
