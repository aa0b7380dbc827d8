package dev.ats.applications.service.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name a stored document keeps: the candidate's, made safe to open on a recruiter's disk. */
class DocumentFileNameTest {

  @Test
  void shouldKeepANameWhoseExtensionMatchesTheDetectedType() {
    assertThat(DocumentUploads.fileName("Ada Lovelace CV.PDF", DocumentTypes.PDF))
        .isEqualTo("Ada Lovelace CV.PDF");
    assertThat(DocumentUploads.fileName("cv.docx", DocumentTypes.DOCX)).isEqualTo("cv.docx");
  }

  @Test
  void shouldGiveTheDetectedTypesExtensionToAnyOtherName() {
    assertThat(DocumentUploads.fileName("cv.bat", DocumentTypes.TXT)).isEqualTo("cv.bat.txt");
    assertThat(DocumentUploads.fileName("cv.html", DocumentTypes.TXT)).isEqualTo("cv.html.txt");
    assertThat(DocumentUploads.fileName("resume", DocumentTypes.RTF)).isEqualTo("resume.rtf");
  }

  @Test
  void shouldDropPathsControlAndBidiCharacters() {
    assertThat(DocumentUploads.fileName("C:\\Users\\ada\\cv.pdf", DocumentTypes.PDF))
        .isEqualTo("cv.pdf");
    // U+202E (right-to-left override) would show "cv\u202Efdp.bat" as "cvtab.pdf".
    assertThat(DocumentUploads.fileName("cv\u202Efdp.bat", DocumentTypes.TXT))
        .isEqualTo("cvfdp.bat.txt");
    assertThat(DocumentUploads.fileName("a\nb\u2028.pdf", DocumentTypes.PDF)).isEqualTo("ab.pdf");
  }

  @Test
  void shouldNameANamelessFileAndCutALongOneWithoutSplittingACharacter() {
    assertThat(DocumentUploads.fileName("", DocumentTypes.PDF)).isEqualTo("document.pdf");
    assertThat(DocumentUploads.fileName(".pdf", DocumentTypes.PDF)).isEqualTo("document.pdf");
    String name = DocumentUploads.fileName("😀".repeat(300) + ".pdf", DocumentTypes.PDF);
    assertThat(name).endsWith(".pdf");
    assertThat(name.codePointCount(0, name.length())).isEqualTo(255);
    assertThat(Character.isHighSurrogate(name.charAt(name.length() - 5))).isFalse();
  }
}
