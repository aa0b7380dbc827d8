package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Text from a stored file, by detected type, within {@link TextLimit}'s bounds.
 *
 * <ul>
 *   <li>PDF: PDFBox 3, its scratch buffers in temporary files only (not the heap), at most {@code
 *       max-pdf-scratch-bytes} of them (past that PDFBox fails with an IOException: the document is
 *       flagged), refused past {@code max-pages}; the stripper checks the deadline on every page.
 *   <li>DOCX and ODT: a bounded StAX read of the one XML entry that holds the text ({@code
 *       word/document.xml}, {@code content.xml}); no DTDs or external entities, at most {@code
 *       max-zip-entry-bytes} inflated, and an entry that inflates more than {@code max-zip-ratio}
 *       times its compressed size is a zip bomb. (Apache POI or Tika's parsers would do the same at
 *       a cost of tens of megabytes of dependencies and limits we could not all set.)
 *   <li>TXT: UTF-8, else ISO-8859-1. RTF: a small reader of the plain text (control words and
 *       ignorable destinations dropped).
 * </ul>
 */
final class TextExtractors implements TextExtractor {

  private static final XMLInputFactory XML = XMLInputFactory.newFactory();

  static {
    XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XML.setProperty(XMLInputFactory.IS_COALESCING, false);
  }

  private final DocumentsConfig.Extraction limits;

  TextExtractors(DocumentsConfig.Extraction limits) {
    this.limits = limits;
  }

  @Override
  public String extract(String contentType, Path file, TextLimit text) throws IOException {
    switch (contentType) {
      case DocumentTypes.PDF -> pdf(file, text);
      case DocumentTypes.DOCX -> zipXml(file, "word/document.xml", "t", text);
      case DocumentTypes.ODT -> zipXml(file, "content.xml", null, text);
      case DocumentTypes.TXT -> txt(file, limits.maxChars(), text);
      case DocumentTypes.RTF -> Rtf.read(file, text);
      default -> throw new IOException("no extractor for " + contentType);
    }
    return text.text();
  }

  private void pdf(Path file, TextLimit text) throws IOException {
    try (PDDocument pdf =
        Loader.loadPDF(
            file.toFile(),
            "",
            null,
            null,
            MemoryUsageSetting.setupTempFileOnly(limits.maxPdfScratchBytes()).streamCache)) {
      int pages = pdf.getNumberOfPages();
      if (pages > limits.maxPages()) {
        throw new TextLimit.Exceeded(
            "the PDF has " + pages + " pages, more than " + limits.maxPages());
      }
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void startPage(org.apache.pdfbox.pdmodel.PDPage page) throws IOException {
              text.check();
              super.startPage(page);
            }

            @Override
            protected void writeString(
                String s, java.util.List<org.apache.pdfbox.text.TextPosition> p)
                throws IOException {
              text.append(s);
            }

            @Override
            protected void writeLineSeparator() {
              text.append('\n');
            }

            @Override
            protected void writeWordSeparator() {
              text.append(' ');
            }
          };
      stripper.setSortByPosition(false);
      stripper.getText(pdf);
    }
  }

  /**
   * The characters of the entry's elements named {@code textElement} (any namespace), or of every
   * element when null; a line break after each paragraph ({@code p}, {@code h}).
   */
  private void zipXml(Path file, String entryName, String textElement, TextLimit text)
      throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry entry = zip.getEntry(entryName);
      if (entry == null) {
        throw new IOException("no " + entryName + " in the document");
      }
      long compressed = Math.max(entry.getCompressedSize(), 1);
      long declared = entry.getSize();
      if (declared > limits.maxZipEntryBytes()
          || (declared > 0 && declared / compressed > limits.maxZipRatio())) {
        throw new TextLimit.Exceeded(
            entryName
                + " declares "
                + declared
                + " bytes from "
                + compressed
                + " compressed (over the size or ratio limit): a zip bomb");
      }
      // The declared sizes may lie: the stream is held to the same limits as it inflates.
      long maxBytes = Math.min(limits.maxZipEntryBytes(), compressed * (long) limits.maxZipRatio());
      try (InputStream in = new Bounded(zip.getInputStream(entry), maxBytes, text)) {
        XMLStreamReader xml = XML.createXMLStreamReader(in);
        int depthInText = 0;
        while (xml.hasNext() && !text.full()) {
          int event = xml.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            String name = xml.getLocalName();
            if (textElement == null || textElement.equals(name)) {
              depthInText++;
            }
            if ("tab".equals(name)) {
              text.append('\t');
            } else if ("s".equals(name) || "line-break".equals(name) || "br".equals(name)) {
              text.append(' ');
            }
          } else if (event == XMLStreamConstants.END_ELEMENT) {
            String name = xml.getLocalName();
            if (textElement == null || textElement.equals(name)) {
              depthInText--;
            }
            if ("p".equals(name) || "h".equals(name)) {
              text.append('\n');
            }
          } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
              && depthInText > 0
              && (textElement != null || !xml.isWhiteSpace())) {
            text.append(xml.getText());
          }
        }
        xml.close();
      } catch (XMLStreamException e) {
        if (e.getNestedException() instanceof TextLimit.Exceeded exceeded) {
          throw exceeded;
        }
        throw new IOException("unreadable XML in " + entryName + ": " + e.getMessage(), e);
      }
    }
  }

  private static void txt(Path file, int maxChars, TextLimit text) throws IOException {
    // At most 4 bytes per kept character are read (the file itself is at most max-bytes).
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(4L * maxChars, Integer.MAX_VALUE - 8));
    }
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      decoded = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    text.append(decoded);
  }

  /** Inflates at most {@code max} bytes, then fails: a zip bomb never expands in memory or time. */
  private static final class Bounded extends FilterInputStream {
    private final long max;
    private final TextLimit text;
    private long read;

    Bounded(InputStream in, long max, TextLimit text) {
      super(in);
      this.max = max;
      this.text = text;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      text.check();
      if (read > max) {
        throw new TextLimit.Exceeded(
            "the zip entry inflates past "
                + max
                + " bytes (size or compression ratio limit): a zip bomb");
      }
    }
  }
}
