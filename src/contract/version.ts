/** Version of the result contract. Bump the major part on any breaking change to the types in this folder. */
export type ContractVersion = "1";
