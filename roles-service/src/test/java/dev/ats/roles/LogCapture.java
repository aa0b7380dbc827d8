package dev.ats.roles;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The WARN (and worse) lines a class logs while this is open, formatted. */
final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            lines.add(text(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture(Class<?> source) {
    logger = Logger.getLogger(source.getName());
    logger.addHandler(handler);
  }

  static LogCapture warnings(Class<?> source) {
    return new LogCapture(source);
  }

  List<String> lines() {
    return lines;
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }

  private static String text(LogRecord record) {
    Object[] parameters = record.getParameters();
    String message = String.valueOf(record.getMessage());
    if (parameters == null || parameters.length == 0) {
      return message;
    }
    try {
      return String.format(message, parameters);
    } catch (IllegalFormatException e) {
      return message + " " + List.of(parameters);
    }
  }
}
