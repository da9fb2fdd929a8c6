import Dispatch

extension Array where Element: Sendable {
    /// `transform` applied to every element on every core, the results in the elements' order.
    /// For work whose items are independent (parsing files, checking entries): the order of the
    /// results, and so of everything built from them, is the same as a sequential map's.
    package func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let slots = ResultSlots(results)
        self.withUnsafeBufferPointer { elements in
            let source = ElementSlots(elements)
            // Chunks smaller than one per element keep the scheduling cost below the work.
            let chunks = Swift.min(count, 64)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * source.buffer.count / chunks
                let end = (chunk + 1) * source.buffer.count / chunks
                for index in start..<end { slots.buffer[index] = transform(source.buffer[index]) }
            }
        }
        return results.map { $0! }
    }
}

/// Each index is written by exactly one chunk, so no two threads touch the same slot.
private struct ResultSlots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
    init(_ buffer: UnsafeMutableBufferPointer<T?>) { self.buffer = buffer }
}

/// The elements, only read while the map runs.
private struct ElementSlots<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
    init(_ buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }
}
