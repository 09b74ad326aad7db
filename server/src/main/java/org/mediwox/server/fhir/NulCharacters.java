package org.mediwox.server.fhir;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseBinary;
import org.hl7.fhir.instance.model.api.IBaseHasExtensions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base64BinaryType;

/**
 * Finds a NUL character (U+0000) in any string of a resource, nested and contained resources included. PostgreSQL
 * cannot store NUL in text, and no FHIR string may hold it (FHIR strings exclude control characters but tab, CR and LF),
 * so such a resource is the client's error: it is refused before anything is written, naming the element.
 */
final class NulCharacters {

    private final FhirContext fhirContext;

    NulCharacters(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** The FHIRPath-like path of the first element whose value holds a NUL character, if any. */
    Optional<String> find(IBaseResource resource) {
        if (resource == null || resource instanceof IBaseBinary) {
            return Optional.empty(); // a Binary's content is bytes, not text
        }
        return find(resource, fhirContext.getResourceType(resource), 0);
    }

    /** The message of the 400 answer for a NUL character at {@code path}. */
    static String refusal(String path) {
        return "The value of " + path + " contains a NUL character (U+0000), which FHIR strings may not hold."
                + " Remove it and send the request again.";
    }

    private Optional<String> find(IBase element, String path, int depth) {
        if (depth > 100) {
            return Optional.empty(); // the parser bounds nesting; this only guards against a cycle
        }
        if (element instanceof IPrimitiveType<?> primitive && !(element instanceof Base64BinaryType)) {
            String value = primitive.getValueAsString();
            if (value != null && value.indexOf('\0') >= 0) {
                return Optional.of(path);
            }
        }
        BaseRuntimeElementDefinition<?> definition = fhirContext.getElementDefinition(element.getClass());
        if (definition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
            for (BaseRuntimeChildDefinition child : composite.getChildren()) {
                List<IBase> values = child.getAccessor().getValues(element);
                for (int i = 0; i < values.size(); i++) {
                    IBase value = values.get(i);
                    String name = child.getChildNameByDatatype(value.getClass());
                    String next = path + "." + (name == null ? child.getElementName() : name)
                            + (child.getMax() == 1 ? "" : "[" + i + "]");
                    Optional<String> found = find(value, next, depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        } else if (element instanceof IBaseHasExtensions extensible) {
            // a primitive's own extensions (e.g. _family.extension)
            for (int i = 0; i < extensible.getExtension().size(); i++) {
                Optional<String> found =
                        find(extensible.getExtension().get(i), path + ".extension[" + i + "]", depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
