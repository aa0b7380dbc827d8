package dev.ats.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Files candidates attach (issue 13), made here: real PDFs (PDFBox), and the hostile ones. */
final class Documents {

  private Documents() {}

  /** A one-page PDF résumé saying {@code text} (Helvetica: ASCII only). */
  static byte[] resume(String text) {
    return pdf(1, text);
  }

  /** A PDF of {@code pages} blank pages: stored, but over the extraction's page limit. */
  static byte[] hugePdf(int pages) {
    return pdf(pages, null);
  }

  private static byte[] pdf(int pages, String text) {
    try (PDDocument pdf = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage();
        pdf.addPage(page);
        if (text != null) {
          try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
            content.beginText();
            content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            content.newLineAtOffset(72, 700);
            content.showText(text);
            content.endText();
          }
        }
      }
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A DOCX whose word/document.xml inflates to {@code megabytes} MB: a zip bomb. */
  static byte[] zipBombDocx(int megabytes) {
    byte[] mb = new byte[1024 * 1024];
    Arrays.fill(mb, (byte) 'a');
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write("<w:document xmlns:w=\"urn:w\"><w:body><w:t>".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < megabytes; i++) {
        zip.write(mb);
      }
      zip.write("</w:t></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Windows executable's first bytes (MZ, PE): to be named .pdf by the caller. */
  static byte[] exe() {
    byte[] bytes = new byte[4096];
    bytes[0] = 'M';
    bytes[1] = 'Z';
    bytes[0x3c] = (byte) 0x80;
    bytes[0x80] = 'P';
    bytes[0x81] = 'E';
    return bytes;
  }
}
