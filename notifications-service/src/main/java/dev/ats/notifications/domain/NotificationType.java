package dev.ats.notifications.domain;

/** What a message says; each type has its own templates under {@code templates/mail/}. */
public enum NotificationType {
  APPLICATION_RECEIVED("received"),
  MOVING_TO_INTERVIEWS("interviews"),
  OFFER("offer"),
  WELCOME("welcome"),
  REJECTION("rejection"),
  REJECTION_POSITION_FILLED("rejection-position-filled"),
  REJECTION_INELIGIBLE("rejection-ineligible"),
  WITHDRAWAL_CONFIRMED("withdrawn"),
  STATUS_UPDATE("status-update");

  private final String template;

  NotificationType(String template) {
    this.template = template;
  }

  /** The template name, without suffix: {@code mail/<template>.html} and {@code .txt}. */
  public String template() {
    return template;
  }
}
