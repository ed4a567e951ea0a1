package server

func (s *Server) programmePages() []pageRoute { return nil }
