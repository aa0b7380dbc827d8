package dev.ats.platform.persistence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.inject.Singleton;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How Hibernate writes and reads JSON columns ({@code @JdbcTypeCode(SqlTypes.JSON)}): with a
 * Jackson mapper of its own, not the REST layer's, so that tuning the API's JSON (strict unknown
 * fields, the NUL guard) can never change or reject stored data. Dates are ISO-8601 strings; a
 * field the record no longer has is ignored when an old row is read.
 */
@JsonFormat
@PersistenceUnitExtension
@Singleton
public class JsonColumnFormat implements FormatMapper {

  private final FormatMapper jackson =
      new JacksonJsonFormatMapper(
          JsonMapper.builder()
              .addModule(new JavaTimeModule())
              .addModule(new Jdk8Module())
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build());

  @Override
  public <T> T fromString(CharSequence json, JavaType<T> javaType, WrapperOptions wrapperOptions) {
    return jackson.fromString(json, javaType, wrapperOptions);
  }

  @Override
  public <T> String toString(T value, JavaType<T> javaType, WrapperOptions wrapperOptions) {
    return jackson.toString(value, javaType, wrapperOptions);
  }
}
