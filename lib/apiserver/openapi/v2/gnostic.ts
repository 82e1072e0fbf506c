// The protobuf form of /openapi/v2 that client-go asks for (Accept
// application/com.github.proto-openapi.spec.v2@v1.0+protobuf) and decodes with
// proto.Unmarshal into gnostic's openapi_v2.Document: a JSON answer would not parse. Only
// the messages a Kubernetes document uses are declared, with gnostic's field numbers
// (github.com/google/gnostic-models, openapiv2/OpenAPIv2.proto). Values of extensions, enums
// and defaults travel as YAML text in `Any.yaml`; JSON is valid YAML, so they are JSON.
import protobuf from 'protobufjs';
import type { JsonSchema } from '../component-schemas.ts';
import type { SwaggerDocument } from './swagger.ts';

// Asked for with "@v1.0", but answered with ".v1.0": "@" is not allowed in a media type, and
// client-go fails on a Content-Type that Go's mime.ParseMediaType rejects.
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const PROTO = `
syntax = "proto3";
package openapi.v2;
message Any { string yaml = 2; }
message NamedAny { string name = 1; Any value = 2; }
message Info { string title = 1; string version = 2; }
message Document {
  string swagger = 1; Info info = 2; Paths paths = 8; Definitions definitions = 9;
}
message Definitions { repeated NamedSchema additional_properties = 1; }
message NamedSchema { string name = 1; Schema value = 2; }
message Properties { repeated NamedSchema additional_properties = 1; }
message TypeItem { repeated string value = 1; }
message ItemsItem { repeated Schema schema = 1; }
message AdditionalPropertiesItem { oneof oneof { Schema schema = 1; bool boolean = 2; } }
message Schema {
  string _ref = 1; string format = 2; string description = 4; Any default = 5;
  bool unique_items = 16; repeated string required = 19; repeated Any enum = 20;
  AdditionalPropertiesItem additional_properties = 21; TypeItem type = 22; ItemsItem items = 23;
  repeated Schema all_of = 24; Properties properties = 25; repeated NamedAny vendor_extension = 31;
}
message Paths { repeated NamedPathItem path = 2; }
message NamedPathItem { string name = 1; PathItem value = 2; }
message PathItem {
  Operation get = 2; Operation put = 3; Operation post = 4; Operation delete = 5; Operation patch = 8;
  repeated ParametersItem parameters = 9;
}
message Operation {
  repeated string tags = 1; string description = 3; string operation_id = 5; repeated string produces = 6;
  repeated string consumes = 7; repeated ParametersItem parameters = 8; Responses responses = 9;
  repeated string schemes = 10; repeated NamedAny vendor_extension = 13;
}
message ParametersItem { oneof oneof { Parameter parameter = 1; } }
message Parameter { oneof oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2; } }
message BodyParameter { string description = 1; string name = 2; string in = 3; bool required = 4; Schema schema = 5; }
message NonBodyParameter { oneof oneof { QueryParameterSubSchema query_parameter_sub_schema = 3; PathParameterSubSchema path_parameter_sub_schema = 4; } }
message QueryParameterSubSchema { bool required = 1; string in = 2; string description = 3; string name = 4; string type = 6; bool unique_items = 20; }
message PathParameterSubSchema { bool required = 1; string in = 2; string description = 3; string name = 4; string type = 5; bool unique_items = 19; }
message Responses { repeated NamedResponseValue response_code = 1; }
message NamedResponseValue { string name = 1; ResponseValue value = 2; }
message ResponseValue { oneof oneof { Response response = 1; } }
message Response { string description = 1; SchemaItem schema = 2; }
message SchemaItem { oneof oneof { Schema schema = 1; } }
`;

const DocumentType = protobuf.parse(PROTO, { keepCase: true }).root.lookupType('openapi.v2.Document');

type Json = Record<string, unknown>;
type Message = Record<string, unknown>;

const any = (value: unknown): Message => ({ yaml: `${JSON.stringify(value)}\n` });

function extensions(from: Json): Message[] {
  return Object.entries(from)
    .filter(([k]) => k.startsWith('x-'))
    .map(([name, value]) => ({ name, value: any(value) }));
}

export function schemaMessage(s: JsonSchema): Message {
  const m: Message = {};
  if (typeof s.$ref === 'string') m._ref = s.$ref;
  if (typeof s.format === 'string') m.format = s.format;
  if (typeof s.description === 'string') m.description = s.description;
  if (s.default !== undefined) m.default = any(s.default);
  if (s.uniqueItems === true) m.unique_items = true;
  if (Array.isArray(s.required)) m.required = s.required;
  if (Array.isArray(s.enum)) m.enum = s.enum.map(any);
  if (typeof s.type === 'string') m.type = { value: [s.type] };
  if (s.items) m.items = { schema: [schemaMessage(s.items as JsonSchema)] };
  if (typeof s.additionalProperties === 'boolean') m.additional_properties = { boolean: s.additionalProperties };
  else if (s.additionalProperties) m.additional_properties = { schema: schemaMessage(s.additionalProperties as JsonSchema) };
  if (Array.isArray(s.allOf)) m.all_of = s.allOf.map((x) => schemaMessage(x as JsonSchema));
  if (s.properties) {
    m.properties = { additional_properties: Object.entries(s.properties as Json).map(([name, v]) => ({ name, value: schemaMessage(v as JsonSchema) })) };
  }
  const ext = extensions(s);
  if (ext.length) m.vendor_extension = ext;
  return m;
}

function parameterMessage(p: Json): Message {
  if (p.in === 'body') {
    return { parameter: { body_parameter: { name: p.name, in: 'body', required: p.required === true, schema: schemaMessage(p.schema as JsonSchema) } } };
  }
  const sub: Message = { required: p.required === true, in: p.in, name: p.name, type: p.type, unique_items: p.uniqueItems === true };
  if (typeof p.description === 'string') sub.description = p.description;
  const kind = p.in === 'path' ? 'path_parameter_sub_schema' : 'query_parameter_sub_schema';
  return { parameter: { non_body_parameter: { [kind]: sub } } };
}

function operationMessage(op: Json): Message {
  const responses = Object.entries(op.responses as Json).map(([name, r]) => {
    const { description, schema } = r as { description: string; schema?: JsonSchema };
    return { name, value: { response: { description, ...(schema ? { schema: { schema: schemaMessage(schema) } } : {}) } } };
  });
  return {
    tags: op.tags,
    operation_id: op.operationId,
    produces: op.produces,
    consumes: op.consumes,
    parameters: ((op.parameters as Json[] | undefined) ?? []).map(parameterMessage),
    responses: { response_code: responses },
    schemes: op.schemes,
    vendor_extension: extensions(op),
  };
}

/** The document as gnostic's protobuf bytes. */
export function encodeSwagger(doc: SwaggerDocument): Uint8Array {
  const path = Object.entries(doc.paths).map(([name, item]) => {
    const value: Message = {};
    for (const [key, v] of Object.entries(item)) {
      if (key === 'parameters') value.parameters = (v as Json[]).map(parameterMessage);
      else value[key] = operationMessage(v as Json);
    }
    return { name, value };
  });
  const definitions = Object.entries(doc.definitions).map(([name, s]) => ({ name, value: schemaMessage(s) }));
  const message = DocumentType.fromObject({ swagger: doc.swagger, info: doc.info, paths: { path }, definitions: { additional_properties: definitions } });
  return DocumentType.encode(message).finish();
}

/** Decodes bytes from encodeSwagger (for tests and diagnostics). */
export function decodeSwagger(bytes: Uint8Array): Message {
  return DocumentType.toObject(DocumentType.decode(bytes), { defaults: false }) as Message;
}
