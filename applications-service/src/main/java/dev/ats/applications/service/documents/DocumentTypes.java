package dev.ats.applications.service.documents;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The type of an uploaded file, from its bytes only (the client's file name and Content-Type are
 * never asked): Tika's magic detector ({@code tika-core}, no parsers), then, for a zip, a look at
 * the container's entries (the central directory only; nothing is inflated but the ODT's tiny
 * {@code mimetype} entry).
 */
public final class DocumentTypes {

  public static final String PDF = "application/pdf";
  public static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  public static final String ODT = "application/vnd.oasis.opendocument.text";
  public static final String TXT = "text/plain";
  public static final String RTF = "application/rtf";

  /** What may be uploaded. */
  public static final Set<String> ALLOWED = Set.of(PDF, DOCX, ODT, TXT, RTF);

  private static final Map<String, String> EXTENSIONS =
      Map.of(PDF, ".pdf", DOCX, ".docx", ODT, ".odt", TXT, ".txt", RTF, ".rtf");

  /** The file name extension of an allowed type ({@code .pdf}, …). */
  public static String extension(String type) {
    String extension = EXTENSIONS.get(type);
    if (extension == null) {
      throw new IllegalArgumentException("not an allowed document type: " + type);
    }
    return extension;
  }

  private static final Set<String> ZIPS =
      Set.of("application/zip", "application/x-tika-ooxml", ODT, DOCX);

  private static final Detector DETECTOR = MimeTypes.getDefaultMimeTypes();

  private DocumentTypes() {}

  /** The allowed type of the file, or empty if it is anything else. */
  public static Optional<String> detect(Path file) throws IOException {
    MediaType detected;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      detected = DETECTOR.detect(in, new Metadata());
    }
    String type = detected.getBaseType().toString();
    if (ZIPS.contains(type)) {
      return zipContainer(file);
    }
    if ("text/rtf".equals(type)) {
      type = RTF;
    }
    return ALLOWED.contains(type) ? Optional.of(type) : Optional.empty();
  }

  /** DOCX: a {@code word/document.xml} part; ODT: the {@code mimetype} entry says so. */
  private static Optional<String> zipContainer(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry mimetype = zip.getEntry("mimetype");
      if (mimetype != null) {
        try (InputStream in = zip.getInputStream(mimetype)) {
          String declared = new String(in.readNBytes(200), StandardCharsets.US_ASCII).trim();
          return ODT.equals(declared) ? Optional.of(ODT) : Optional.empty();
        }
      }
      if (zip.getEntry("[Content_Types].xml") != null
          && zip.getEntry("word/document.xml") != null) {
        return Optional.of(DOCX);
      }
      return Optional.empty();
    } catch (ZipException e) {
      return Optional.empty();
    }
  }
}
