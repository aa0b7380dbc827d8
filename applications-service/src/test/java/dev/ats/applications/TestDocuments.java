package dev.ats.applications;

import static io.restassured.RestAssured.given;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Files for the documents tests, made here (real PDFs by PDFBox, real zips), and the upload. */
final class TestDocuments {

  private TestDocuments() {}

  static ExtractableResponse<Response> upload(byte[] bytes, String fileName, String mimeType) {
    return given()
        .multiPart("file", fileName, bytes, mimeType)
        .post("/api/v1/documents")
        .then()
        .extract();
  }

  /** Uploads and returns the {@code documents} entry a submission presents. */
  static Map<String, Object> attachment(byte[] bytes, String fileName, String kind) {
    ExtractableResponse<Response> r = upload(bytes, fileName, "application/octet-stream");
    if (r.statusCode() != 201) {
      throw new AssertionError("upload failed: " + r.body().asString());
    }
    return Map.of("id", r.path("id"), "uploadToken", r.path("uploadToken"), "kind", kind);
  }

  /** A one-page PDF saying {@code text}. */
  static byte[] pdf(String text) {
    return pdf(1, text);
  }

  /** A PDF of {@code pages} blank pages. */
  static byte[] blankPdf(int pages) {
    return pdf(pages, null);
  }

  /** {@code pages} pages, the first saying {@code text} unless it is null. */
  private static byte[] pdf(int pages, String text) {
    try (PDDocument pdf = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage();
        pdf.addPage(page);
        if (text != null && i == 0) {
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

  /** A minimal DOCX whose body says {@code text}. */
  static byte[] docx(String text) {
    return docxWithBody(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:p><w:r><w:t>"
                + text
                + "</w:t></w:r></w:p></w:body></w:document>")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** A DOCX whose document.xml inflates to {@code megabytes} MB of one repeated character. */
  static byte[] zipBombDocx(int megabytes) {
    byte[] mb = new byte[1024 * 1024];
    Arrays.fill(mb, (byte) 'a');
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipOutputStream zip = new ZipOutputStream(out)) {
      contentTypes(zip);
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(
          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"
              .getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < megabytes; i++) {
        zip.write(mb);
      }
      zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] docxWithBody(byte[] documentXml) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipOutputStream zip = new ZipOutputStream(out)) {
      contentTypes(zip);
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(documentXml);
      zip.closeEntry();
      zip.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void contentTypes(ZipOutputStream zip) throws IOException {
    zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
    zip.write(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types"
                + " xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
            .getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** A Windows executable's first bytes (MZ header, PE signature), named as a PDF by the test. */
  static byte[] exe() {
    byte[] bytes = new byte[4096];
    bytes[0] = 'M';
    bytes[1] = 'Z';
    bytes[0x3c] = (byte) 0x80;
    bytes[0x80] = 'P';
    bytes[0x81] = 'E';
    String stub = "This program cannot be run in DOS mode.";
    System.arraycopy(stub.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0x4e, stub.length());
    return bytes;
  }
}
