package dev.ats.web.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The one OpenAPI filter of every service (registered with {@code mp.openapi.filter} in
 * ats-platform's defaults): it makes the three documents alike, so that the gateway can merge them
 * mechanically and a generated client can trust them. After the annotations are read it
 *
 * <ul>
 *   <li>declares the two security schemes the gateway applies, {@value #BEARER} (an RS256 JWT) and
 *       {@value #APPLICATION_TOKEN} (the candidate's {@code X-Application-Token}), and nothing
 *       else; an operation that declares no requirement needs {@value #BEARER}. Operations open to
 *       anonymous callers say so in their resource ({@code @SecurityRequirementsSet} without
 *       requirements, i.e. {@code {}});
 *   <li>documents the errors every operation can answer ({@link ProblemResponses}), and {@code 304}
 *       for a {@code GET} whose {@code 200} carries an {@code ETag} ({@link
 *       dev.ats.web.http.ConditionalGet});
 *   <li>names a page of {@code X} {@code XPage} (SmallRye would call {@code Page<ApplicationView>}
 *       {@code PageApplicationView}), with {@code nextCursor} nullable;
 *   <li>declares every property of a schema that only responses use as required: Jackson writes
 *       every member (null where the schema says nullable) of the response records.
 * </ul>
 */
public class ApiDocument implements OASFilter {

  public static final String BEARER = "bearer";
  public static final String APPLICATION_TOKEN = "applicationToken";
  public static final String APPLICATION_TOKEN_HEADER = "X-Application-Token";

  private static final String SCHEMAS = "#/components/schemas/";
  private static final Pattern PAGE = Pattern.compile("Page[A-Z]\\w*");

  @Override
  public void filterOpenAPI(OpenAPI api) {
    Components components = api.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      api.setComponents(components);
    }
    if (components.getSchemas() == null) {
      components.setSchemas(new LinkedHashMap<>());
    }
    // SmallRye's models hand out copies of their maps: change them through add/remove only.
    components.setSecuritySchemes(securitySchemes());
    inlineScalars(api);
    renamePages(api);
    operations(
        api,
        (path, operation) -> {
          operation.setSecurity(security(operation));
          ProblemResponses.document(path.path(), path.method(), operation, api);
        });
    requireResponseMembers(api);
    addProblemSchemas(api);
    untypeAlternatives(api);
    dropUnused(api);
  }

  /**
   * A schema that is one of several others ({@code anyOf}/{@code oneOf} of scalars or arrays, such
   * as an answer that is a boolean, a number or a string, or a rule's value) is only those
   * alternatives, whatever Java type documents it: no type of its own, no reference to that Java
   * type (SmallRye calls Jackson's {@code JsonNode} an array and refers to its getters' schema).
   */
  private static void untypeAlternatives(OpenAPI api) {
    Schemas.forEach(
        api,
        schema -> {
          List<Schema> alternatives =
              schema.getAnyOf() != null ? schema.getAnyOf() : schema.getOneOf();
          if (alternatives != null
              && schema.getProperties() == null
              && alternatives.stream()
                  .noneMatch(
                      a ->
                          a.getRef() != null
                              || a.getType() == null
                              || a.getType().contains(Schema.SchemaType.OBJECT))) {
            schema.setType(null);
            schema.setRef(null);
          }
        });
  }

  /**
   * Schemas nothing refers to go (SmallRye also documents the Java types it looked at on the way,
   * such as Jackson's {@code JsonNode} behind a map of answers).
   */
  private static void dropUnused(OpenAPI api) {
    Set<String> used = referenced(api, true, true);
    for (String name : new ArrayList<>(api.getComponents().getSchemas().keySet())) {
      if (!used.contains(name)) {
        api.getComponents().removeSchema(name);
      }
    }
  }

  /** Where an operation is: its path and method. */
  record Where(String path, PathItem.HttpMethod method) {}

  static void operations(OpenAPI api, BiConsumer<Where, Operation> action) {
    if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
      return;
    }
    api.getPaths()
        .getPathItems()
        .forEach(
            (path, item) ->
                item.getOperations()
                    .forEach(
                        (method, operation) -> action.accept(new Where(path, method), operation)));
  }

  private static Map<String, SecurityScheme> securitySchemes() {
    Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
    schemes.put(
        BEARER,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description(
                "An RS256 JWT whose groups claim holds recruiter (everything), hiring-manager"
                    + " (read roles and applications, add notes and evaluations) or integration"
                    + " (read-only). ./ats token recruiter prints one locally."));
    schemes.put(
        APPLICATION_TOKEN,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER)
            .name(APPLICATION_TOKEN_HEADER)
            .description(
                "The candidate's access token for one application, returned once as accessToken"
                    + " by the submission: lets its candidate read and withdraw that application"
                    + " without an account."));
    return schemes;
  }

  /**
   * The operation's requirements in the two schemes: none declared is {@value #BEARER}; a scheme
   * this document does not declare (Quarkus adds one named {@code SecurityScheme}, with roles, to
   * every {@code @RolesAllowed} method) is {@value #BEARER} too; duplicates go.
   */
  private static List<SecurityRequirement> security(Operation operation) {
    List<SecurityRequirement> requirements = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    if (operation.getSecurity() != null) {
      for (SecurityRequirement declared : operation.getSecurity()) {
        Set<String> schemes = new java.util.TreeSet<>();
        if (declared.getSchemes() != null) {
          declared
              .getSchemes()
              .keySet()
              .forEach(s -> schemes.add(s.equals(APPLICATION_TOKEN) ? s : BEARER));
        }
        if (seen.add(schemes)) {
          SecurityRequirement requirement = OASFactory.createSecurityRequirement();
          schemes.forEach(requirement::addScheme);
          requirements.add(requirement);
        }
      }
    }
    if (requirements.isEmpty()) {
      requirements.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
    }
    return requirements;
  }

  /** True if anonymous callers may call {@code operation} (an empty security requirement). */
  static boolean anonymous(Operation operation) {
    return operation.getSecurity() != null
        && operation.getSecurity().stream()
            .anyMatch(r -> r.getSchemes() == null || r.getSchemes().isEmpty());
  }

  // --- scalars
  // -------------------------------------------------------------------------------------

  /**
   * SmallRye makes a component of each scalar Java type it meets ({@code UUID}, {@code Instant},
   * {@code LocalDate}); a client wants {@code string} with a format, not a type named after Java's.
   * Enums stay components (they become named types in a client).
   */
  private static void inlineScalars(OpenAPI api) {
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    Map<String, Schema> scalars = new LinkedHashMap<>();
    schemas.forEach(
        (name, schema) -> {
          if (schema.getProperties() == null
              && schema.getEnumeration() == null
              && schema.getRef() == null
              && schema.getAllOf() == null
              && schema.getAnyOf() == null
              && schema.getOneOf() == null
              && schema.getType() != null
              && schema.getType().size() == 1
              && schema.getType().get(0) != Schema.SchemaType.OBJECT
              && schema.getType().get(0) != Schema.SchemaType.ARRAY) {
            scalars.put(SCHEMAS + name, schema);
          }
        });
    if (scalars.isEmpty()) {
      return;
    }
    Schemas.forEach(
        api,
        schema -> {
          List<Schema> anyOf = schema.getAnyOf();
          if (anyOf != null && anyOf.size() == 2) {
            Schema scalar =
                anyOf.stream()
                    .map(s -> s.getRef() == null ? null : scalars.get(s.getRef()))
                    .filter(s -> s != null)
                    .findFirst()
                    .orElse(null);
            boolean orNull =
                anyOf.stream()
                    .anyMatch(
                        s ->
                            s.getType() != null
                                && s.getType().equals(List.of(Schema.SchemaType.NULL)));
            if (scalar != null && orNull) {
              schema.setAnyOf(null);
              schema.setType(List.of(scalar.getType().get(0), Schema.SchemaType.NULL));
              copyFormat(scalar, schema);
              return;
            }
          }
          Schema scalar = schema.getRef() == null ? null : scalars.get(schema.getRef());
          if (scalar != null) {
            schema.setRef(null);
            if (schema.getType() == null) {
              schema.setType(scalar.getType());
            }
            copyFormat(scalar, schema);
          }
        });
    scalars
        .keySet()
        .forEach(ref -> api.getComponents().removeSchema(ref.substring(SCHEMAS.length())));
  }

  private static void copyFormat(Schema from, Schema to) {
    if (to.getFormat() == null) {
      to.setFormat(from.getFormat());
    }
    if (to.getPattern() == null) {
      to.setPattern(from.getPattern());
    }
  }

  // --- pages
  // ---------------------------------------------------------------------------------------

  private static void renamePages(OpenAPI api) {
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    Map<String, String> renamed = new LinkedHashMap<>();
    for (Map.Entry<String, Schema> entry : new ArrayList<>(schemas.entrySet())) {
      Schema page = entry.getValue();
      if (!PAGE.matcher(entry.getKey()).matches()
          || page.getProperties() == null
          || !page.getProperties().keySet().equals(Set.of("items", "nextCursor"))) {
        continue;
      }
      Schema items = page.getProperties().get("items").getItems();
      if (items == null || items.getRef() == null) {
        continue;
      }
      String item = items.getRef().substring(items.getRef().lastIndexOf('/') + 1);
      String name = item + "Page";
      page.setDescription("One page of " + item + " items, in the list's order");
      page.addProperty(
          "nextCursor",
          OASFactory.createSchema()
              .type(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL))
              .description(
                  "Opaque cursor for the next page (pass it as ?cursor=); null on the last"
                      + " page"));
      page.setRequired(List.of("items", "nextCursor"));
      api.getComponents().removeSchema(entry.getKey());
      api.getComponents().addSchema(name, page);
      renamed.put(SCHEMAS + entry.getKey(), SCHEMAS + name);
    }
    if (!renamed.isEmpty()) {
      Schemas.forEach(
          api,
          schema -> {
            if (schema.getRef() != null && renamed.containsKey(schema.getRef())) {
              schema.setRef(renamed.get(schema.getRef()));
            }
          });
    }
  }

  // --- required members of responses -----------------------------------------------------------

  private static void requireResponseMembers(OpenAPI api) {
    Set<String> responses = referenced(api, false, true);
    responses.removeAll(referenced(api, true, false));
    for (String name : responses) {
      Schema schema = api.getComponents().getSchemas().get(name);
      if (schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty()) {
        schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
      }
    }
  }

  /** The component schemas the operations' requests (parameters, bodies) or responses refer to. */
  private static Set<String> referenced(OpenAPI api, boolean requests, boolean responses) {
    Set<String> names = new HashSet<>();
    operations(
        api,
        (where, operation) -> {
          if (requests && operation.getRequestBody() != null) {
            Schemas.referenced(api, operation.getRequestBody().getContent(), names);
          }
          if (requests && operation.getParameters() != null) {
            operation.getParameters().forEach(p -> Schemas.referenced(api, p.getSchema(), names));
          }
          if (responses
              && operation.getResponses() != null
              && operation.getResponses().getAPIResponses() != null) {
            operation
                .getResponses()
                .getAPIResponses()
                .values()
                .forEach(r -> Schemas.referenced(api, resolve(api, r).getContent(), names));
          }
        });
    return names;
  }

  static APIResponse resolve(OpenAPI api, APIResponse response) {
    String ref = response.getRef();
    if (ref == null || api.getComponents().getResponses() == null) {
      return response;
    }
    APIResponse named =
        api.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
    return named == null ? response : named;
  }

  // --- problem schemas
  // -----------------------------------------------------------------------------

  private static void addProblemSchemas(OpenAPI api) {
    Map<String, Schema> catalogue = ProblemSchemas.all();
    Set<String> used = new HashSet<>();
    operations(
        api,
        (where, operation) -> {
          if (operation.getResponses() == null
              || operation.getResponses().getAPIResponses() == null) {
            return;
          }
          for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            Content content = resolve(api, response).getContent();
            if (content == null || content.getMediaTypes() == null) {
              continue;
            }
            content
                .getMediaTypes()
                .values()
                .forEach(
                    media -> {
                      if (media.getSchema() != null && media.getSchema().getRef() != null) {
                        String ref = media.getSchema().getRef();
                        used.add(ref.substring(ref.lastIndexOf('/') + 1));
                      }
                    });
          }
        });
    for (String name : catalogue.keySet()) {
      if (used.contains(name)) {
        ProblemSchemas.closure(name)
            .forEach(n -> api.getComponents().addSchema(n, catalogue.get(n)));
      }
    }
  }
}
