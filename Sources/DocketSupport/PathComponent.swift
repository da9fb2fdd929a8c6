/// Names that become paths: a plan's name becomes `out/<name>/`, a signer's id
/// `out/<plan>/review/<id>/`, a manifest entry a file to replace. Each must be one plain path
/// component, so no value in a file can make DocketKit write, or delete, outside its folder.
public enum PathComponent {
    /// Why `name` is not a safe single path component, or nil when it is.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name == "." || name == ".." { return "is '\(name)', which names a folder above or at the output folder" }
        if name.hasPrefix(".") { return "starts with '.', which hides the file and is reserved for temporary files" }
        if name.contains("/") || name.contains("\\") { return "contains a path separator" }
        if let scalar = name.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains the control character U+\(String(format: "%04X", scalar.value))"
        }
        if name.utf8.count > 255 { return "is \(name.utf8.count) bytes long; file systems take 255" }
        return nil
    }

    /// Whether `name` is one plain path component.
    public static func isSafe(_ name: String) -> Bool { problem(name) == nil }

    /// `name` made into one plain path component, for names from the network (an attachment's
    /// file name, a comment ID): separators, control characters and leading dots become `_`,
    /// and the result is cut to 200 bytes.
    public static func sanitized(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            scalars.append(scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F ? "_" : scalar)
        }
        var result = String(scalars)
        while result.hasPrefix(".") { result = "_" + result.dropFirst() }
        while result.utf8.count > 200 { result.removeLast() }
        return result.isEmpty ? "_" : result
    }
}
