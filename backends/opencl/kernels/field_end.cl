// Closes one instantiation of mont_field.cl so the next field can define its own parameters.
#undef FIELD
#undef NW
#undef FIELD_MODULUS
#undef FIELD_INV
#undef FIELD_ONE
