// `import DocketKit` gives a client every stage, as one product: the layers are how the package
// is built, not something a user of it has to know.
@_exported import DocketAPI
@_exported import DocketCitations
@_exported import DocketCompose
@_exported import DocketLibrary
@_exported import DocketMarkdown
@_exported import DocketModel
@_exported import DocketRender
@_exported import DocketReview
@_exported import DocketSubmission
@_exported import DocketSupport
