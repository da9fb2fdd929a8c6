import Crypto
import Foundation

/// SHA-256 as lowercase hex, the form every version, lock and manifest in DocketKit records.
public enum ContentHash {
    /// Lowercase hex SHA-256 of the text's UTF-8 bytes.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    /// Lowercase hex SHA-256 of the bytes.
    public static func sha256Hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef")
        var hex = ""
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return hex
    }
}
