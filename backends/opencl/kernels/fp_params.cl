// Fp of BLS48-581 (KZG spec 2.1, 2.3). Instantiates mont_field.cl as fp_*. The host layout is
// 10 x 64-bit little-endian limbs with R = 2^640: the same bytes as these 20 x 32-bit words.
#define FIELD fp
#define NW 20
#define FIELD_MODULUS {0x6565912bu, 0x3edc154eu, 0x1a4a48acu, 0x578fdf72u, 0x3170ee0au, 0x8367a551u, \
  0x4736daf6u, 0xcd30394fu, 0xe082acd9u, 0x8ae43af6u, 0x975444a4u, 0xe6c0f1f3u, \
  0x2131bb3bu, 0xe84f8d12u, 0x012a0056u, 0x24e31d47u, 0x476f3138u, 0x80f73ff3u, \
  0x00000012u, 0x00000000u}
#define FIELD_INV 0xc39d5a7du
#define FIELD_ONE {0x43691557u, 0x9f326b4fu, 0x7dd9c36bu, 0xc906de3bu, 0x8c2e2357u, 0x2a051559u, \
  0x8a2a83b6u, 0xbc7e9eb0u, 0xb3ef5ba7u, 0x10e7c969u, 0x33b8fbb0u, 0x64061504u, \
  0xf639ccf5u, 0xa33540d8u, 0xbd6e9bf3u, 0xc97ab11bu, 0x76fb5061u, 0x13de1b48u, \
  0x00000002u, 0x00000000u}
