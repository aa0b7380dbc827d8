package dev.ats.web.paging;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: {@code {items: [...], nextCursor}}. {@code nextCursor} is null on the last
 * page; pass it back as {@code ?cursor=} to get the next one.
 */
public record Page<T>(
    List<T> items,
    @Schema(description = "Opaque cursor for the next page; null on the last page")
        String nextCursor) {

  /**
   * Builds a page from {@code limit + 1} rows fetched in the list's stable order: the extra row
   * only tells that there is a next page, whose cursor is made from the last row shown.
   */
  public static <E, T> Page<T> of(
      List<E> rowsPlusOne, int limit, Function<E, T> toItem, Function<E, String> cursorOf) {
    boolean more = rowsPlusOne.size() > limit;
    List<E> shown = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
    String next = more ? cursorOf.apply(shown.get(shown.size() - 1)) : null;
    return new Page<>(shown.stream().map(toItem).toList(), next);
  }
}
