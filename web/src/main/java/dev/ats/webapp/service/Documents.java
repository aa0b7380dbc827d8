package dev.ats.webapp.service;

import java.util.Locale;

/** How the pages name a document's type and size. */
final class Documents {

  private Documents() {}

  static String typeInWords(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/pdf")) {
      return "PDF";
    }
    if (type.contains("wordprocessingml")) {
      return "DOCX";
    }
    if (type.contains("opendocument.text")) {
      return "ODT";
    }
    if (type.contains("rtf")) {
      return "RTF";
    }
    if (type.startsWith("text/plain")) {
      return "TXT";
    }
    return type.isEmpty() ? "File" : type;
  }

  static String sizeInWords(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return (bytes + 1023) / 1024 + " KB";
    }
    return String.format(Locale.ENGLISH, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
