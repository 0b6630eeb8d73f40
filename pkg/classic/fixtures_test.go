package classic_test

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/classic"
)

// agentBody is a complete, valid agent version whose background says n.
func agentBody(n int) classic.CreateAgentVersionRequest {
	str := func(s string) *string { return &s }
	return classic.CreateAgentVersionRequest{
		Initials: str("IA"),
		Identity: &classic.Identity{
			Name: "Ivy", Role: "intake assistant", DevelopedBy: "Acme Health",
			DefaultSpokenLanguage: "eng",
			RelationshipToDeveloper: classic.RelationshipToDeveloper{
				Ownership: "owned", Type: "assistant",
				ConversationVisibility: "visible", ThoughtVisibility: "hidden",
			},
		},
		Background:            str(fmt.Sprintf("Background revision %d.", n)),
		Behaviors:             []string{"Be kind.", "Be brief."},
		CommunicationPatterns: []string{"Plain words."},
		VoiceConfig:           &classic.VoiceConfig{VoiceID: "voice-1"},
	}
}

// graphBody is a small, valid context graph version whose description says n.
func graphBody(n int) classic.CreateSHSMVersionRequest {
	return classic.CreateSHSMVersionRequest{
		Description: fmt.Sprintf("Intake flow revision %d.", n),
		States: []classic.State{
			{
				Type: "action", Name: "start", Objective: "Greet the caller.",
				Actions: []string{"Say hello."},
				ExitConditions: []classic.ExitCondition{
					{Description: "The caller is greeted.", NextState: classic.NextStateTo("done")},
				},
			},
			{Type: "action", Name: "done", Objective: "Close the call.", Actions: []string{"Say goodbye."}},
		},
		NewUserInitialState:                  "start",
		ReturningUserInitialState:            "start",
		TerminalState:                        "done",
		References:                           map[string]classic.Reference{},
		GlobalIntraStateNavigationGuidelines: []string{},
		GlobalActionGuidelines:               []string{"Stay polite."},
		GlobalBoundaryConstraints:            []string{},
	}
}
