import Dispatch

extension Array where Element: Sendable {
    /// `transform` applied to every element on every core, the results in the elements' order.
    /// For work whose items are independent (parsing files, checking entries): the order of the
    /// results, and so of everything built from them, is the same as a sequential map's.
    package func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            // The results were copied out; the slots' own references are released here.
            _ = results.deinitialize()
            results.deallocate()
        }
        let slots = Shared(results)
        self.withUnsafeBufferPointer { elements in
            let source = Shared(elements)
            // At most 64 chunks: enough to keep every core busy to the end, few enough that
            // scheduling them costs far less than the work.
            let chunks = Swift.min(count, 64)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * source.value.count / chunks
                let end = (chunk + 1) * source.value.count / chunks
                for index in start..<end { slots.value[index] = transform(source.value[index]) }
            }
        }
        return results.map { $0! }
    }
}

/// A buffer the chunks share: the elements are only read, and each result slot is written by
/// exactly one chunk, so no two threads touch the same memory.
private struct Shared<Buffer>: @unchecked Sendable {
    let value: Buffer
    init(_ value: Buffer) { self.value = value }
}
