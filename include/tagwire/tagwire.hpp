// tagwire — the protobuf wire format straight from plain C++ structs. Include this header.
#pragma once

#include "error.hpp"           // IWYU pragma: export
#include "wire.hpp"            // IWYU pragma: export
#include "reader.hpp"          // IWYU pragma: export
#include "writer.hpp"          // IWYU pragma: export
#include "type_map.hpp"        // IWYU pragma: export
#include "field.hpp"           // IWYU pragma: export
#include "codec.hpp"           // IWYU pragma: export
#include "size.hpp"            // IWYU pragma: export
#include "encode.hpp"          // IWYU pragma: export
#include "decode.hpp"          // IWYU pragma: export
#include "box.hpp"             // IWYU pragma: export
#include "containers.hpp"      // IWYU pragma: export
#include "unknown_fields.hpp"  // IWYU pragma: export
#include "views.hpp"           // IWYU pragma: export
#include "initialized.hpp"     // IWYU pragma: export
#include "utf8.hpp"            // IWYU pragma: export
#include "stream.hpp"          // IWYU pragma: export
#include "enum.hpp"            // IWYU pragma: export
#include "schema.hpp"          // IWYU pragma: export
#include "reflect.hpp"         // IWYU pragma: export
#include "text.hpp"            // IWYU pragma: export

#define TAGWIRE_VERSION_MAJOR 0
#define TAGWIRE_VERSION_MINOR 1
#define TAGWIRE_VERSION_PATCH 0
