import CompressNIO
import NIOCore

/// Unwraps gzip data (`1f 8b 08`): CloudWatch Logs subscription batches arrive this way, and some
/// producers compress their events. zlib data (RFC 1950: `78` and a flag byte that makes the header
/// a multiple of 31, e.g. `78 9c`, `78 da`), which some producers and test events use instead, is
/// unwrapped too; since a text line can start with those two bytes (`x^`), zlib data that does not
/// inflate is left to the other envelopes rather than reported as an error.
///
/// The output is capped (`maxOutputBytes`, 64 MiB by default) so a small record that inflates to
/// gigabytes becomes an error event instead of exhausting memory. Truncated or corrupt streams are
/// errors too; concatenated gzip members (what `cat a.gz b.gz` makes) are read in turn.
public struct GzipEnvelope: ByteEnvelope {
    public var maxOutputBytes: Int

    public init(maxOutputBytes: Int = 64 << 20) {
        self.maxOutputBytes = maxOutputBytes
    }

    public func unwrap(_ bytes: [UInt8], metadata: RecordMetadata) -> EnvelopeResult? {
        // The third byte is the compression method; 8 (deflate) is the only one gzip defines, and
        // checking it keeps binary data that merely starts with 1f 8b from being reported as a bad gzip.
        if Self.isZlibHeader(bytes) {
            guard case .success(let output) = Self.inflate(bytes, limit: maxOutputBytes, zlib: true) else { return nil }
            return .payloads([EnvelopePayload(bytes: output, metadata: metadata, label: "zlib")])
        }
        guard bytes.count >= 3, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 0x08 else { return nil }
        switch Self.inflate(bytes, limit: maxOutputBytes) {
        case .success(let output):
            return .payloads([EnvelopePayload(bytes: output, metadata: metadata, label: "gzip")])
        case .failure(let error):
            return .failed("gzip: \(error.reason)")
        }
    }

    /// A zlib stream's header: deflate with a window of at most 32 KiB, no preset dictionary, and
    /// the check bits that make it a multiple of 31.
    static func isZlibHeader(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 6, bytes[0] == 0x78, bytes[1] & 0x20 == 0 else { return false }
        return (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0
    }

    struct InflateError: Error {
        var reason: String
    }

    /// Inflates every gzip member in `bytes`. CompressNIO's one-shot `decompress(with:maxSize:)`
    /// returns what it has when the input runs out mid-stream, so this drives `ZlibDecompressor`
    /// itself and checks that each member reached its end.
    static func inflate(_ bytes: [UInt8], limit: Int, zlib: Bool = false) -> Result<[UInt8], InflateError> {
        var input = ByteBuffer(bytes: bytes)
        var output: [UInt8] = []
        var chunkSize = min(max(bytes.count * 4, 4096), 1 << 20)
        do {
            while input.readableBytes > 0 {
                // Anything after a member other than another member is not gzip; zero padding
                // (tape-style) is tolerated, as gzip(1) does.
                let view = input.readableBytesView
                let isMember = zlib ? input.readerIndex == 0 : view.count >= 2 && view.first == 0x1F && view[view.startIndex + 1] == 0x8B
                if !isMember {
                    if view.allSatisfy({ $0 == 0 }) { break }
                    return .failure(InflateError(reason: "\(view.count) bytes of trailing data after the compressed stream"))
                }
                let decompressor = try ZlibDecompressor(algorithm: zlib ? .zlib : .gzip)
                var ended = false
                while !ended {
                    var chunk = ByteBufferAllocator().buffer(capacity: chunkSize)
                    let consumedBefore = input.readerIndex
                    do {
                        try decompressor.inflate(from: &input, to: &chunk)
                        // No error: either the member ended, or the input ran out with room left in
                        // the output. One more call on no input tells them apart.
                        ended = true
                    } catch let error as CompressNIOError where error == .bufferOverflow {
                        // The output chunk is full; keep going with a bigger one.
                        chunkSize = min(chunkSize * 2, 8 << 20)
                    } catch let error as CompressNIOError where error == .inputBufferOverflow {
                        return .failure(InflateError(reason: "truncated stream"))
                    }
                    output.append(contentsOf: chunk.readableBytesView)
                    if output.count > limit {
                        return .failure(InflateError(reason: "inflates to more than \(limit >> 20) MiB"))
                    }
                    if ended && input.readableBytes == 0 {
                        // The input is used up: the member must have reached its end.
                        var empty = ByteBuffer(bytes: [0])
                        empty.moveReaderIndex(forwardBy: 1)
                        var probe = ByteBufferAllocator().buffer(capacity: 64)
                        do {
                            try decompressor.inflate(from: &empty, to: &probe)
                        } catch {
                            return .failure(InflateError(reason: "truncated stream"))
                        }
                        if probe.readableBytes > 0 { return .failure(InflateError(reason: "truncated stream")) }
                    }
                    if !ended && input.readerIndex == consumedBefore && chunk.readableBytes == 0 {
                        return .failure(InflateError(reason: "no progress inflating"))
                    }
                }
            }
        } catch let error as CompressNIOError {
            return .failure(InflateError(reason: error == .corruptData ? "corrupt data" : error.description))
        } catch {
            return .failure(InflateError(reason: "\(error)"))
        }
        return .success(output)
    }
}
