export declare class OlmMachine { [key: string]: any; }
export declare class DeviceLists { [key: string]: any; }
export declare class EncryptionSettings { [key: string]: any; }
export declare class EncryptedAttachment { [key: string]: any; }
export declare class Attachment { [key: string]: any; }
export declare class KeysClaimRequest { [key: string]: any; }
export declare class KeysQueryRequest { [key: string]: any; }
export declare class KeysUploadRequest { [key: string]: any; }
export declare class ToDeviceRequest { [key: string]: any; }
export declare class SignatureUploadRequest { [key: string]: any; }
export declare class RoomMessageRequest { [key: string]: any; }
export declare class KeysBackupRequest { [key: string]: any; }
export declare class UserId { constructor(id: string); [key: string]: any; }
export declare class DeviceId { constructor(id: string); [key: string]: any; }
export declare class RoomId { constructor(id: string); [key: string]: any; }
export declare enum StoreType { Sled = 0, Sqlite = 1 }
export declare enum RequestType { KeysUpload = 0, KeysQuery = 1, KeysClaim = 2, ToDevice = 3, SignatureUpload = 4, RoomMessage = 5, KeysBackup = 6 }
