package platform

// The settings the server gives a service where the create request leaves
// them out (CreateServiceRequest's defaults in the document), and the
// defaults it fills into a voice_config (ServiceVoiceConfig's). They are
// written once, here: the emulator creates services over them, and
// pkg/backend's Normalizer fills them into a manifest so that it compares
// equal to what the server returns. A test in pkg/platform/emulator checks
// them against the document.
const (
	DefaultChannelType          = "voice"
	DefaultEnvironment          = "production"
	DefaultIsActive             = true
	DefaultSafetyFiltersEnabled = true
	DefaultToolCapacity         = 3

	DefaultBackchannelDelayMS = 400
	DefaultFillerStyle        = "backchannel"
	DefaultForwardCallEnabled = false
)
