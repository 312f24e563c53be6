# The clang tree compiles only what the fuzz targets reach. The frame codec and the config
# parser live inside larger layer libraries (proofgrid_transport pulls every Boost.Asio file,
# proofgrid_node every command, backend and the transport): a slice is a static library of the
# sources of one such target whose path matches a pattern, with that target's include
# directories, so new files in those folders are picked up without editing this list.

# proofgrid_fuzz_slice(<name> FROM <target> MATCHING <regex> LIBS <targets...>)
function(proofgrid_fuzz_slice name)
  cmake_parse_arguments(S "" "FROM;MATCHING" "LIBS" ${ARGN})
  get_target_property(sources ${S_FROM} SOURCES)
  get_target_property(base ${S_FROM} SOURCE_DIR)
  set(picked "")
  foreach(s IN LISTS sources)
    cmake_path(ABSOLUTE_PATH s BASE_DIRECTORY "${base}" OUTPUT_VARIABLE path)
    if(path MATCHES "${S_MATCHING}")
      list(APPEND picked "${path}")
    endif()
  endforeach()
  if(NOT picked)
    message(FATAL_ERROR "fuzz slice ${name}: no source of ${S_FROM} matches ${S_MATCHING}")
  endif()
  get_target_property(includes ${S_FROM} INCLUDE_DIRECTORIES)
  add_library(${name} STATIC ${picked})
  target_include_directories(${name} PUBLIC ${includes})
  target_link_libraries(${name} PUBLIC ${S_LIBS} PRIVATE proofgrid_warnings)
endfunction()

# Frames and messages: no sockets, no TLS.
proofgrid_fuzz_slice(proofgrid_fuzz_codec FROM proofgrid_transport
  MATCHING "/transport/(frame|messages|wire)\\.cpp$" LIBS proofgrid_engine)
# config.yml and multiaddrs (identity.cpp needs OpenSSL, the rest yaml-cpp).
proofgrid_fuzz_slice(proofgrid_fuzz_config FROM proofgrid_node
  MATCHING "/node/config/[^/]+\\.cpp$" LIBS proofgrid_engine yaml-cpp OpenSSL::Crypto)
